// Discovery (principal dom0s' cluster listing, static lists, a file) and the concurrent poll of every dom0.
import { readFileSync } from 'node:fs';
import { type Clock, ConfigError, type NagiosStatus, realClock, worstStatus } from '@opskit/core';
import { parseCluster } from '../collector/cluster.js';
import { parseRaw, type RawReport } from '../collector/raw.js';
import type { ReportConfig } from './config.js';
import { mapLimit } from './pool.js';
import {
  openSession,
  readExtend,
  type SnmpAuth,
  SnmpReadError,
  type SnmpTarget,
  type SnmpTiming,
} from './snmp.js';

export interface Dom0Ref {
  name: string;
  datacenter?: string | undefined;
  target: SnmpTarget;
}

export type Dom0State = 'ok' | 'unreachable' | 'auth-failed' | 'no-extend' | 'bad-output';

export interface Dom0Result {
  name: string;
  datacenter?: string | undefined;
  target: string;
  state: Dom0State;
  status: NagiosStatus;
  error?: string | undefined;
  /** nsExtendResult: the extend's exit code. */
  extendResult?: number | undefined;
  report?: RawReport | undefined;
  durationMs: number;
}

export interface DiscoveryProblem {
  datacenter: string;
  message: string;
}

export interface ClusterReport {
  time: number;
  durationMs: number;
  status: NagiosStatus;
  datacenters: string[];
  dom0s: Dom0Result[];
  discovery: DiscoveryProblem[];
}

export function targetOf(
  name: string,
  cfg: Pick<ReportConfig, 'hosts'> & { snmp: { port: number } },
): SnmpTarget {
  const addr = cfg.hosts[name] ?? name;
  const m = /^(.*?)(?::(\d+))?$/.exec(addr)!;
  return { host: m[1]!, port: m[2] ? Number(m[2]) : cfg.snmp.port };
}

function readDom0File(file: string): { name: string; datacenter?: string | undefined }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      file,
    });
  }
  const out: { name: string; datacenter?: string | undefined }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [name, dc, extra] = line.split(/\s+/);
    if (extra !== undefined || !/^[A-Za-z0-9.:-]+$/.test(name!))
      throw new ConfigError('expected "<dom0> [datacenter]"', { file, line: i + 1 });
    out.push({ name: name!, datacenter: dc });
  });
  return out;
}

export async function discoverDom0s(
  cfg: ReportConfig,
  auth: SnmpAuth,
  timing: SnmpTiming,
): Promise<{ dom0s: Dom0Ref[]; problems: DiscoveryProblem[] }> {
  const found = new Map<string, Dom0Ref>();
  const add = (name: string, datacenter?: string) => {
    if (!found.has(name)) found.set(name, { name, datacenter, target: targetOf(name, cfg) });
  };
  const problems: DiscoveryProblem[] = [];
  await Promise.all(
    cfg.datacenters.map(async (dc) => {
      const errors: string[] = [];
      for (const principal of dc.principals) {
        const session = openSession(targetOf(principal, cfg), auth, timing);
        try {
          const r = await readExtend(session, cfg.extend.cluster);
          const listing = parseCluster(r.output);
          for (const d of listing.dom0s) add(d.name, dc.name);
          return;
        } catch (err) {
          errors.push(`${principal}: ${(err as Error).message}`);
        } finally {
          session.close();
        }
      }
      if (dc.principals.length)
        problems.push({
          datacenter: dc.name,
          message: `no principal answered the cluster listing (${errors.join('; ')})`,
        });
    }),
  );
  for (const dc of cfg.datacenters) for (const d of dc.dom0s) add(d, dc.name);
  for (const d of cfg.dom0s) add(d);
  if (cfg.dom0File) for (const d of readDom0File(cfg.dom0File)) add(d.name, d.datacenter);
  const dom0s = [...found.values()].sort(
    (a, b) => (a.datacenter ?? '').localeCompare(b.datacenter ?? '') || a.name.localeCompare(b.name),
  );
  return { dom0s, problems };
}

const STATE_STATUS: Record<Exclude<Dom0State, 'ok'>, NagiosStatus> = {
  unreachable: 'CRITICAL',
  'auth-failed': 'UNKNOWN',
  'no-extend': 'UNKNOWN',
  'bad-output': 'UNKNOWN',
};

export async function pollDom0(
  ref: Dom0Ref,
  resultsExtend: string,
  auth: SnmpAuth,
  timing: SnmpTiming,
): Promise<Dom0Result> {
  const t = performance.now();
  const base = {
    name: ref.name,
    datacenter: ref.datacenter,
    target: `${ref.target.host}:${ref.target.port}`,
  };
  const session = openSession(ref.target, auth, timing);
  try {
    const r = await readExtend(session, resultsExtend);
    try {
      const report = parseRaw(r.output);
      return {
        ...base,
        state: 'ok',
        status: report.status,
        extendResult: r.result,
        report,
        durationMs: performance.now() - t,
      };
    } catch (err) {
      return {
        ...base,
        state: 'bad-output',
        status: STATE_STATUS['bad-output'],
        extendResult: r.result,
        error: `extend "${resultsExtend}" (exit ${r.result}) printed something unexpected: ${(err as Error).message}`,
        durationMs: performance.now() - t,
      };
    }
  } catch (err) {
    const kind = err instanceof SnmpReadError ? err.kind : 'protocol';
    const state: Dom0State =
      kind === 'timeout'
        ? 'unreachable'
        : kind === 'auth'
          ? 'auth-failed'
          : kind === 'missing'
            ? 'no-extend'
            : 'bad-output';
    const hint = kind === 'timeout' ? ' (host down, snmpd stopped, or wrong community)' : '';
    return {
      ...base,
      state,
      status: STATE_STATUS[state],
      error: `${(err as Error).message}${hint}`,
      durationMs: performance.now() - t,
    };
  } finally {
    session.close();
  }
}

export interface ClusterRunOptions {
  config: ReportConfig;
  auth: SnmpAuth;
  clock?: Clock;
}

export async function runClusterReport(o: ClusterRunOptions): Promise<ClusterReport> {
  const clock = o.clock ?? realClock;
  const t = performance.now();
  const timing = { timeoutMs: o.config.snmp.timeoutMs, retries: o.config.snmp.retries };
  const { dom0s, problems } = await discoverDom0s(o.config, o.auth, timing);
  const results = await mapLimit(dom0s, o.config.snmp.concurrency, (d) =>
    pollDom0(d, o.config.extend.results, o.auth, timing),
  );
  const datacenters = [
    ...new Set([
      ...o.config.datacenters.map((d) => d.name),
      ...dom0s.flatMap((d) => (d.datacenter ? [d.datacenter] : [])),
    ]),
  ];
  return {
    time: clock.now(),
    durationMs: performance.now() - t,
    status: worstStatus([...results.map((r) => r.status), ...problems.map(() => 'CRITICAL' as const)]),
    datacenters,
    dom0s: results,
    discovery: problems,
  };
}
