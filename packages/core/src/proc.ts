// Parsers for Linux /proc files: pure functions, text in, numbers out. A malformed file throws an
// OpskitError (code E_PROC) naming the file and what was expected.
import { OpskitError } from './errors.js';

/** The aggregate `cpu` line of /proc/stat, in USER_HZ ticks. */
export interface CpuTicks {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

export interface ProcStat {
  cpu: CpuTicks;
  /** Number of `cpuN` lines (at least 1). */
  cpus: number;
  /** Boot time, seconds since the epoch (undefined when the text has no btime line). */
  btime: number | undefined;
}

export interface MemInfo {
  totalKib: number;
  availableKib: number;
  swapTotalKib: number;
  swapFreeKib: number;
}

export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
}

export interface IfaceCounters {
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
}

export interface DiskCounters {
  reads: number;
  readSectors: number;
  writes: number;
  writeSectors: number;
}

export interface MountEntry {
  device: string;
  mountpoint: string;
  fstype: string;
  options: string[];
}

export interface RouteEntry {
  iface: string;
  destination: string;
  gateway: string;
  mask: string;
  flags: number;
  metric: number;
}

/** The error every parser here throws: `<file>: <what>`. */
export function procError(file: string, what: string): OpskitError {
  return new OpskitError('E_PROC', `${file}: ${what}`, { hint: 'is /proc a Linux procfs?' });
}

function num(text: string | undefined, file: string, what: string): number {
  const n = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(n))
    throw procError(file, `expected a number for ${what}`);
  return n;
}

/** The sum of every tick field: guest time is already inside user/nice, so it is not added. */
export function cpuTotal(t: CpuTicks): number {
  return t.user + t.nice + t.system + t.idle + t.iowait + t.irq + t.softirq + t.steal;
}

/** /proc/stat: the aggregate `cpu` line, the number of `cpuN` lines and `btime`. */
export function parseProcStat(text: string, file = '/proc/stat'): ProcStat {
  let cpu: CpuTicks | undefined;
  let btime: number | undefined;
  let cpus = 0;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'cpu') {
      const v = f.slice(1, 9).map((x, i) => num(x, file, `cpu field ${i + 1}`));
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
      cpu = { user, nice, system, idle, iowait, irq, softirq, steal };
    } else if (/^cpu\d+$/.test(f[0] ?? '')) cpus++;
    else if (f[0] === 'btime') btime = num(f[1], file, 'btime');
  }
  if (!cpu) throw procError(file, 'no "cpu" line');
  return { cpu, cpus: cpus || 1, btime };
}

export function parseLoadAvg(text: string, file = '/proc/loadavg'): LoadAvg {
  const f = text.trim().split(/\s+/);
  return {
    load1: num(f[0], file, 'load1'),
    load5: num(f[1], file, 'load5'),
    load15: num(f[2], file, 'load15'),
  };
}

/** Every `Key:   value kB` line of /proc/meminfo (values in KiB). */
export function parseMemInfoFields(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** /proc/meminfo totals; throws when MemTotal, SwapTotal or SwapFree is missing. */
export function parseMemInfo(text: string, file = '/proc/meminfo'): MemInfo {
  const kv = parseMemInfoFields(text);
  const get = (k: string) => {
    const v = kv.get(k);
    if (v === undefined) throw procError(file, `no "${k}" line`);
    return v;
  };
  const total = get('MemTotal');
  // MemAvailable exists since Linux 3.14; before that, free + buffers + cached is the usual estimate.
  const avail = kv.get('MemAvailable') ?? get('MemFree') + (kv.get('Buffers') ?? 0) + (kv.get('Cached') ?? 0);
  return {
    totalKib: total,
    availableKib: avail,
    swapTotalKib: get('SwapTotal'),
    swapFreeKib: get('SwapFree'),
  };
}

/** `key value` lines of /proc/vmstat (non-numeric values are left out). */
export function parseVmstat(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

/** pswpin/pswpout of /proc/vmstat: pages swapped in and out since boot; throws when either is missing. */
export function parseSwapCounters(text: string, file = '/proc/vmstat'): { swapIn: number; swapOut: number } {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [k, v] = line.split(' ');
    if (k && v) kv.set(k, v);
  }
  return { swapIn: num(kv.get('pswpin'), file, 'pswpin'), swapOut: num(kv.get('pswpout'), file, 'pswpout') };
}

/** /proc/net/dev: two header lines, then `iface: 8 RX fields 8 TX fields`. */
export function parseNetDev(text: string, file = '/proc/net/dev'): Map<string, IfaceCounters> {
  const out = new Map<string, IfaceCounters>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    if (f.length < 16) throw procError(file, `interface ${name}: expected 16 counters, found ${f.length}`);
    out.set(name, {
      rxBytes: num(f[0], file, `${name} rx bytes`),
      rxPackets: num(f[1], file, `${name} rx packets`),
      txBytes: num(f[8], file, `${name} tx bytes`),
      txPackets: num(f[9], file, `${name} tx packets`),
    });
  }
  return out;
}

/**
 * /proc/diskstats: `major minor name reads merged sectors ms writes merged sectors ms ...`.
 * `keep` decides which devices count (e.g. whole disks, not partitions or loop devices).
 */
export function parseDiskstats(
  text: string,
  keep: (name: string) => boolean,
  file = '/proc/diskstats',
): Map<string, DiskCounters> {
  const out = new Map<string, DiskCounters>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const name = f[2];
    if (!name || f.length < 10 || !keep(name)) continue;
    out.set(name, {
      reads: num(f[3], file, `${name} reads`),
      readSectors: num(f[5], file, `${name} read sectors`),
      writes: num(f[7], file, `${name} writes`),
      writeSectors: num(f[9], file, `${name} write sectors`),
    });
  }
  return out;
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

/** /proc/net/route addresses are little-endian hex of the network-order u32: `010200C0` = 192.0.2.1. */
export function hexToIpv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

/** /proc/net/route (IPv4 main table): a header line, then tab-separated rows. */
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
