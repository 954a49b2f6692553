// Runs every configured check against a host's /proc and /sys (the live host, or a fixture tree).
import { readdirSync, readFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Executor,
  parseLoadAvg,
  parseMemInfoFields,
  parseMounts,
  parseProcStat,
  parseRoutes,
  parseVmstat,
} from '@opskit/core';
import type { AgentConfig } from '../agent/config.js';
import { checkFilesystem, type FsStats, realFilesystems } from './disk.js';
import {
  type GatewayTarget,
  gatewayFromMac,
  gatewayResult,
  gatewaysFromRoutes,
  ipFromMac,
  isXenDefaultMac,
  ping,
} from './gateway.js';
import {
  type CpuSample,
  checkCpu,
  checkLoad,
  checkMemory,
  checkSwapActivity,
  checkSwapUsed,
  cpuSample,
  type SwapSample,
} from './system.js';
import type { CheckResult } from './types.js';

/** Counters kept between runs (the state file). */
export interface AgentState {
  time: number;
  /** /proc/stat btime of the boot the counters belong to: another boot means a new baseline. */
  btime?: number | undefined;
  cpu?: CpuSample;
  swap?: SwapSample;
}

/** A previous sample older than this (agent stopped, guest paused) is not a baseline for rates. */
export const MAX_SAMPLE_AGE_MS = 60 * 60 * 1000;

/**
 * The previous run's counters when they can serve as a baseline: same boot (btime), taken before now
 * and not longer ago than MAX_SAMPLE_AGE_MS. Otherwise undefined, and rates start anew.
 */
export function usableBaseline(
  prev: AgentState | undefined,
  btime: number | undefined,
  now: number,
): AgentState | undefined {
  // the kernel derives btime from the clock and uptime, so it can wobble by a second within one boot
  if (!prev || btime === undefined || prev.btime === undefined || Math.abs(prev.btime - btime) > 2)
    return undefined;
  const age = now - prev.time;
  return age > 0 && age <= MAX_SAMPLE_AGE_MS ? prev : undefined;
}

export interface HostProbe {
  procRoot: string;
  sysRoot: string;
  exec: Executor;
  statfs?: (path: string) => Promise<FsStats>;
  now: number;
}

const liveStatfs = async (path: string): Promise<FsStats> => {
  const s = await statfs(path);
  return {
    bsize: s.bsize,
    blocks: s.blocks,
    bfree: s.bfree,
    bavail: s.bavail,
    files: s.files,
    ffree: s.ffree,
  };
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const guard = (name: string, fn: () => CheckResult | CheckResult[]): CheckResult[] => {
  try {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    return [{ name, status: 'UNKNOWN', message: `${name}: ${(err as Error).message}` }];
  }
};

export async function runHostChecks(
  cfg: AgentConfig['checks'],
  probe: HostProbe,
  prev: AgentState | undefined,
  only: { gateway?: boolean } = {},
): Promise<{ results: CheckResult[]; state: AgentState }> {
  const proc = (f: string) => readFileSync(join(probe.procRoot, f), 'utf8');
  const results: CheckResult[] = [];
  const state: AgentState = { time: probe.now };
  let btime: number | undefined;
  try {
    btime = parseProcStat(proc('stat'), join(probe.procRoot, 'stat')).btime;
  } catch {
    // the cpu check reports an unreadable /proc/stat; without btime no previous sample is trusted
  }
  state.btime = btime;
  const base = usableBaseline(prev, btime, probe.now);
  let cpus = 1;
  if (cfg.cpu.enabled || cfg.load.enabled)
    results.push(
      ...guard('cpu', () => {
        const sample = cpuSample(parseProcStat(proc('stat'), join(probe.procRoot, 'stat')));
        cpus = sample.cpus;
        state.cpu = sample;
        return cfg.cpu.enabled ? [checkCpu(sample, base?.cpu, cfg.cpu)] : [];
      }),
    );
  if (cfg.swapActivity.enabled)
    results.push(
      ...guard('swap-activity', () => {
        const vm = parseVmstat(proc('vmstat'));
        const sample = { pswpin: vm.get('pswpin') ?? 0, pswpout: vm.get('pswpout') ?? 0, time: probe.now };
        state.swap = sample;
        return [checkSwapActivity(sample, base?.swap, cfg.swapActivity)];
      }),
    );
  if (cfg.memory.enabled || cfg.swapUsed.enabled)
    results.push(
      ...guard('memory', () => {
        const mem = parseMemInfoFields(proc('meminfo'));
        return [
          ...(cfg.memory.enabled ? [checkMemory(mem, cfg.memory)] : []),
          ...(cfg.swapUsed.enabled ? [checkSwapUsed(mem, cfg.swapUsed)] : []),
        ];
      }),
    );
  if (cfg.load.enabled)
    results.push(
      ...guard('load', () =>
        checkLoad(parseLoadAvg(proc('loadavg'), join(probe.procRoot, 'loadavg')), cpus, cfg.load),
      ),
    );
  if (cfg.disk.enabled) results.push(...(await diskChecks(cfg.disk, probe, proc)));
  if (cfg.gateway.enabled && only.gateway !== false)
    results.push(...(await gatewayChecks(cfg.gateway, probe, proc)));
  return { results, state };
}

async function diskChecks(
  cfg: AgentConfig['checks']['disk'],
  probe: HostProbe,
  proc: (f: string) => string,
): Promise<CheckResult[]> {
  let mounts: ReturnType<typeof realFilesystems>;
  try {
    mounts = realFilesystems(parseMounts(proc('mounts')), cfg);
  } catch (err) {
    return [{ name: 'disk', status: 'UNKNOWN', message: `cannot read mounts: ${(err as Error).message}` }];
  }
  const stat = probe.statfs ?? liveStatfs;
  const opts = {
    space: cfg,
    inodes: { warning: cfg.inodesWarning, critical: cfg.inodesCritical },
  };
  const per = await Promise.all(
    mounts.map(async (m) => {
      try {
        const st = await withTimeout(
          stat(m.mountpoint),
          cfg.statfsTimeoutSeconds * 1000,
          `statfs ${m.mountpoint}`,
        );
        return checkFilesystem(m.mountpoint, st, opts);
      } catch (err) {
        return [
          { name: `disk:${m.mountpoint}`, status: 'UNKNOWN' as const, message: (err as Error).message },
        ];
      }
    }),
  );
  return per.flat();
}

async function gatewayChecks(
  cfg: AgentConfig['checks']['gateway'],
  probe: HostProbe,
  proc: (f: string) => string,
): Promise<CheckResult[]> {
  let routes = new Map<string, string>();
  try {
    routes = gatewaysFromRoutes(parseRoutes(proc('net/route')));
  } catch {
    // no IPv4 routing table: only the MAC convention can find gateways
  }
  let ifaces: string[];
  try {
    ifaces = readdirSync(join(probe.sysRoot, 'class/net')).sort();
  } catch {
    ifaces = [...routes.keys()];
  }
  ifaces = cfg.interfaces.length
    ? ifaces.filter((i) => cfg.interfaces.includes(i))
    : ifaces.filter((i) => i !== 'lo');
  const mac = (i: string) => {
    try {
      return readFileSync(join(probe.sysRoot, 'class/net', i, 'address'), 'utf8').trim();
    } catch {
      return '';
    }
  };
  const targets: GatewayTarget[] = [];
  for (const iface of ifaces) {
    const gw = routes.get(iface);
    if (cfg.source !== 'mac' && gw) targets.push({ iface, gateway: gw, source: 'routing table' });
    else if (cfg.source !== 'route') {
      // auto mode: a Xen default MAC (00:16:3e) is random, not the address convention
      if (cfg.source !== 'mac' && isXenDefaultMac(mac(iface)) && !cfg.interfaces.includes(iface)) continue;
      const t = gatewayFromMac(iface, mac(iface), cfg.rules);
      if (t.gateway || ipFromMac(mac(iface)) || cfg.interfaces.includes(iface)) targets.push(t);
    } else if (cfg.interfaces.includes(iface))
      targets.push({ iface, source: 'no gateway route for this interface' });
  }
  const results = await Promise.all(
    targets.map(async (t) => {
      const p = t.gateway
        ? await ping(probe.exec, t.gateway, {
            command: cfg.pingCommand,
            count: cfg.count,
            timeoutSeconds: cfg.timeoutSeconds,
          })
        : undefined;
      return gatewayResult(t, p, cfg);
    }),
  );
  return results;
}
