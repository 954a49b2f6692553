// CPU, swap, memory and load checks: pure functions of /proc samples and thresholds.
import { cpuTotal, type LoadAvg, type ProcStat } from '@opskit/core';
import { pct, statusOf } from './thresholds.js';
import type { CheckResult, Thresholds } from './types.js';

/** What the state file keeps of /proc/stat between runs. */
export interface CpuSample {
  total: number;
  idle: number;
  iowait: number;
  steal: number;
  cpus: number;
}

export function cpuSample(stat: ProcStat): CpuSample {
  const { idle, iowait, steal } = stat.cpu;
  return { total: cpuTotal(stat.cpu), idle, iowait, steal, cpus: stat.cpus };
}

export function checkCpu(now: CpuSample, prev: CpuSample | undefined, t: Thresholds): CheckResult {
  const since = prev && now.total > prev.total ? prev : undefined;
  const base = since ?? { total: 0, idle: 0, iowait: 0, steal: 0, cpus: now.cpus };
  const dTotal = now.total - base.total;
  if (dTotal <= 0) return { name: 'cpu', status: 'UNKNOWN', message: 'no CPU time elapsed between samples' };
  const busy = (100 * (dTotal - (now.idle - base.idle) - (now.iowait - base.iowait))) / dTotal;
  const steal = (100 * (now.steal - base.steal)) / dTotal;
  const value = Math.max(0, Math.min(100, busy));
  return {
    name: 'cpu',
    status: statusOf(value, t),
    value,
    unit: '%',
    message: `cpu ${pct(value)} busy (steal ${pct(steal)}) ${since ? 'since last run' : 'since boot (first run)'}`,
  };
}

export interface SwapSample {
  pswpin: number;
  pswpout: number;
  time: number;
}

export function checkSwapActivity(now: SwapSample, prev: SwapSample | undefined, t: Thresholds): CheckResult {
  const dt = prev ? (now.time - prev.time) / 1000 : 0;
  if (!prev || dt <= 0 || now.pswpin < prev.pswpin || now.pswpout < prev.pswpout)
    return {
      name: 'swap-activity',
      status: 'OK',
      message: 'first sample: swap rate is measured from the next run on',
    };
  const rin = (now.pswpin - prev.pswpin) / dt;
  const rout = (now.pswpout - prev.pswpout) / dt;
  const value = rin + rout;
  return {
    name: 'swap-activity',
    status: statusOf(value, t),
    value,
    unit: 'pages/s',
    message: `swapping ${rin.toFixed(1)} pages/s in, ${rout.toFixed(1)} pages/s out`,
  };
}

export function checkSwapUsed(mem: Map<string, number>, t: Thresholds): CheckResult {
  const total = mem.get('SwapTotal') ?? 0;
  const free = mem.get('SwapFree') ?? 0;
  if (total === 0)
    return { name: 'swap-used', status: 'OK', value: 0, unit: '%', message: 'no swap configured' };
  const value = (100 * (total - free)) / total;
  return {
    name: 'swap-used',
    status: statusOf(value, t),
    value,
    unit: '%',
    message: `swap ${pct(value)} used (${Math.round((total - free) / 1024)} of ${Math.round(total / 1024)} MiB)`,
  };
}

export function checkMemory(mem: Map<string, number>, t: Thresholds): CheckResult {
  const total = mem.get('MemTotal');
  if (!total) return { name: 'memory', status: 'UNKNOWN', message: 'MemTotal missing from /proc/meminfo' };
  const avail =
    mem.get('MemAvailable') ??
    (mem.get('MemFree') ?? 0) + (mem.get('Buffers') ?? 0) + (mem.get('Cached') ?? 0);
  const value = (100 * (total - avail)) / total;
  return {
    name: 'memory',
    status: statusOf(value, t),
    value,
    unit: '%',
    message: `memory ${pct(value)} used (${Math.round(avail / 1024)} MiB available of ${Math.round(total / 1024)} MiB)`,
  };
}

export function checkLoad(load: LoadAvg, cpus: number, t: Thresholds): CheckResult {
  const value = load.load5 / Math.max(1, cpus);
  return {
    name: 'load',
    status: statusOf(value, t),
    value,
    unit: 'load/cpu',
    message: `load ${[load.load1, load.load5, load.load15].map((l) => l.toFixed(2)).join(' ')} on ${cpus} cpu(s), ${value.toFixed(2)} per cpu (5 min)`,
  };
}
