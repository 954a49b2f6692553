// Parsers for the /proc files the checks read (pure functions, tested on fixtures and the live host).

export interface CpuSample {
  total: number;
  idle: number;
  iowait: number;
  steal: number;
  cpus: number;
}

/** The aggregate `cpu` line of /proc/stat (guest time is already inside user/nice, so it is not added). */
export function parseProcStat(text: string): CpuSample {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('/proc/stat has no "cpu" line');
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  const cpus = text.split('\n').filter((l) => /^cpu\d+\s/.test(l)).length || 1;
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle, iowait, steal, cpus };
}

/** `key value` lines of /proc/vmstat. */
export function parseVmstat(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

/** /proc/meminfo in KiB: `MemTotal:  16384 kB`. */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

export function parseLoadavg(text: string): [number, number, number] {
  const [a, b, c] = text.trim().split(/\s+/).map(Number);
  if (![a, b, c].every((n) => Number.isFinite(n))) throw new Error('/proc/loadavg is not "l1 l5 l15 ..."');
  return [a!, b!, c!];
}

export interface MountEntry {
  device: string;
  mountpoint: string;
  fstype: string;
  options: string[];
}

const unescapeMount = (s: string) =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));

/** /proc/mounts, with the `\040`-style escapes undone. */
export function parseMounts(text: string): MountEntry[] {
  return text
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length >= 4)
    .map(([device, mountpoint, fstype, options]) => ({
      device: unescapeMount(device!),
      mountpoint: unescapeMount(mountpoint!),
      fstype: fstype!,
      options: options!.split(','),
    }));
}

export interface RouteEntry {
  iface: string;
  destination: string;
  gateway: string;
  mask: string;
  flags: number;
  metric: number;
}

/** /proc/net/route addresses are little-endian hex of the network-order u32: `010200C0` = 192.0.2.1. */
export function hexToIpv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

export function parseRoutes(text: string): RouteEntry[] {
  return text
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 8 && /^[0-9A-Fa-f]{8}$/.test(f[1] ?? ''))
    .map((f) => ({
      iface: f[0]!,
      destination: hexToIpv4(f[1]!),
      gateway: hexToIpv4(f[2]!),
      flags: Number.parseInt(f[3]!, 16),
      metric: Number(f[6]),
      mask: hexToIpv4(f[7]!),
    }));
}
