// Parsers for the /proc files the host sample is built from: pure text in, numbers out.
import { OpskitError } from '@opskit/core';

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
  /** Boot time, seconds since the epoch: a change means the host rebooted and every counter restarted. */
  btime: number;
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

function bad(file: string, what: string): OpskitError {
  return new OpskitError('E_PROC', `${file}: ${what}`, { hint: 'is /proc a Linux procfs?' });
}

function num(text: string | undefined, file: string, what: string): number {
  const n = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(n))
    throw bad(file, `expected a number for ${what}`);
  return n;
}

export function parseProcStat(text: string, file = '/proc/stat'): ProcStat {
  let cpu: CpuTicks | undefined;
  let btime: number | undefined;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'cpu') {
      const v = f.slice(1, 9).map((x, i) => num(x, file, `cpu field ${i + 1}`));
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
      cpu = { user, nice, system, idle, iowait, irq, softirq, steal };
    } else if (f[0] === 'btime') btime = num(f[1], file, 'btime');
  }
  if (!cpu) throw bad(file, 'no "cpu" line');
  if (btime === undefined) throw bad(file, 'no "btime" line');
  return { cpu, btime };
}

export function parseLoadAvg(text: string, file = '/proc/loadavg'): LoadAvg {
  const f = text.trim().split(/\s+/);
  return {
    load1: num(f[0], file, 'load1'),
    load5: num(f[1], file, 'load5'),
    load15: num(f[2], file, 'load15'),
  };
}

export function parseMemInfo(text: string, file = '/proc/meminfo'): MemInfo {
  const kv = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
    if (m) kv.set(m[1]!, Number(m[2]));
  }
  const get = (k: string) => {
    const v = kv.get(k);
    if (v === undefined) throw bad(file, `no "${k}" line`);
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

/** pswpin/pswpout: pages swapped in and out since boot. */
export function parseVmstat(text: string, file = '/proc/vmstat'): { swapIn: number; swapOut: number } {
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
    if (f.length < 16) throw bad(file, `interface ${name}: expected 16 counters, found ${f.length}`);
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
 * `keep` decides which devices count (whole disks, not partitions or loop devices).
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
