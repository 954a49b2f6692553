// Reads one host snapshot from /proc (no spawned commands): raw counters and gauges at one instant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CpuTicks,
  type DiskCounters,
  type IfaceCounters,
  type LoadAvg,
  type MemInfo,
  OpskitError,
  parseDiskstats,
  parseLoadAvg,
  parseMemInfo,
  parseNetDev,
  parseProcStat,
  parseSwapCounters,
  procError,
} from '@opskit/core';

export interface HostSnapshot {
  /** btime: boot time, seconds since the epoch; a change means the host rebooted and every counter restarted. */
  stat: { cpu: CpuTicks; btime: number };
  load: LoadAvg;
  mem: MemInfo;
  swap: { swapIn: number; swapOut: number };
  ifaces: Map<string, IfaceCounters>;
  disks: Map<string, DiskCounters>;
}

export interface HostSources {
  /** Where procfs is mounted (default /proc). */
  procRoot?: string;
  /** Where sysfs is mounted (default /sys): /sys/block lists whole disks. */
  sysRoot?: string;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new OpskitError('E_PROC', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`, {
      cause: err,
    });
  }
}

/** Whole block devices worth recording: those in /sys/block, minus loop and ram devices. */
export function wholeDiskFilter(sysRoot = '/sys'): (name: string) => boolean {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(join(sysRoot, 'block')).map((n) => n.replace(/!/g, '/')));
  } catch {
    names = new Set();
  }
  return (name) => names.has(name) && !/^(loop|ram)\d+$/.test(name);
}

export function readHostSnapshot(sources: HostSources = {}): HostSnapshot {
  const proc = sources.procRoot ?? '/proc';
  const p = (f: string) => join(proc, f);
  const { cpu, btime } = parseProcStat(read(p('stat')), p('stat'));
  if (btime === undefined) throw procError(p('stat'), 'no "btime" line');
  return {
    stat: { cpu, btime },
    load: parseLoadAvg(read(p('loadavg')), p('loadavg')),
    mem: parseMemInfo(read(p('meminfo')), p('meminfo')),
    swap: parseSwapCounters(read(p('vmstat')), p('vmstat')),
    ifaces: parseNetDev(read(p('net/dev')), p('net/dev')),
    disks: parseDiskstats(read(p('diskstats')), wholeDiskFilter(sources.sysRoot), p('diskstats')),
  };
}
