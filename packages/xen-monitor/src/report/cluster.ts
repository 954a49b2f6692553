// Discovery (principal dom0s' cluster listing, static lists, a file) and the concurrent poll of every dom0.
import { readFileSync } from 'node:fs';
import {
  type Clock,
  ConfigError,
  type NagiosStatus,
  parseDuration,
  realClock,
  worstStatus,
} from '@opskit/core';
import { parseCluster } from '../collector/cluster.js';
import { parseRaw, type RawReport } from '../collector/raw.js';
import type { ReportConfig } from './config.js';
import { createLimiter } from './pool.js';
import { readExtendWithin, type SnmpAuth, SnmpReadError, type SnmpTarget, type SnmpTiming } from './snmp.js';

export interface Dom0Ref {
  name: string;
  datacenter?: string | undefined;
  target: SnmpTarget;
}

export type Dom0State = 'ok' | 'unreachable' | 'auth-failed' | 'no-extend' | 'bad-output' | 'stale';

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

/** The dom0s named in the configuration itself (datacenter lists, `dom0s`, the dom0 file), no network. */
export function staticDom0s(cfg: ReportConfig): Dom0Ref[] {
  const found = new Map<string, Dom0Ref>();
  const add = (name: string, datacenter?: string) => {
    if (!found.has(name)) found.set(name, { name, datacenter, target: targetOf(name, cfg) });
  };
  for (const dc of cfg.datacenters) for (const d of dc.dom0s) add(d, dc.name);
  for (const d of cfg.dom0s) add(d);
  if (cfg.dom0File) for (const d of readDom0File(cfg.dom0File)) add(d.name, d.datacenter);
  return [...found.values()];
}

/** Asks every principal of each datacenter at once; the first listing wins, the others are dropped. */
export async function discoverListed(
  cfg: ReportConfig,
  auth: SnmpAuth,
  timing: SnmpTiming,
  /** Called with each datacenter's dom0s as soon as its listing arrives. */
  onListing?: (dom0s: Dom0Ref[]) => void,
): Promise<{ dom0s: Dom0Ref[]; problems: DiscoveryProblem[] }> {
  const dom0s: Dom0Ref[] = [];
  const problems: DiscoveryProblem[] = [];
  await Promise.all(
    cfg.datacenters.map(async (dc) => {
      if (!dc.principals.length) return;
      const errors: string[] = [];
      try {
        const listing = await Promise.any(
          dc.principals.map(async (principal) => {
            try {
              const r = await readExtendWithin(targetOf(principal, cfg), auth, timing, cfg.extend.cluster);
              return parseCluster(r.output);
            } catch (err) {
              errors.push(`${principal}: ${(err as Error).message}`);
              throw err;
            }
          }),
        );
        const refs = listing.dom0s.map((d) => ({
          name: d.name,
          datacenter: dc.name,
          target: targetOf(d.name, cfg),
        }));
        dom0s.push(...refs);
        onListing?.(refs);
      } catch {
        problems.push({
          datacenter: dc.name,
          message: `no principal answered the cluster listing (${errors.join('; ')})`,
        });
      }
    }),
  );
  return { dom0s, problems };
}

const byPlace = (a: { name: string; datacenter?: string | undefined }, b: typeof a) =>
  (a.datacenter ?? '').localeCompare(b.datacenter ?? '') || a.name.localeCompare(b.name);

/** Every dom0 to poll: those the principals list (first seen wins), then the configured ones. */
export async function discoverDom0s(
  cfg: ReportConfig,
  auth: SnmpAuth,
  timing: SnmpTiming,
): Promise<{ dom0s: Dom0Ref[]; problems: DiscoveryProblem[] }> {
  const listed = await discoverListed(cfg, auth, timing);
  const found = new Map<string, Dom0Ref>();
  for (const d of [...listed.dom0s, ...staticDom0s(cfg)]) if (!found.has(d.name)) found.set(d.name, d);
  return { dom0s: [...found.values()].sort(byPlace), problems: listed.problems };
}

const STATE_STATUS: Record<Exclude<Dom0State, 'ok'>, NagiosStatus> = {
  unreachable: 'CRITICAL',
  'auth-failed': 'UNKNOWN',
  'no-extend': 'UNKNOWN',
  'bad-output': 'UNKNOWN',
  stale: 'UNKNOWN',
};

export async function pollDom0(
  ref: Dom0Ref,
  resultsExtend: string,
  auth: SnmpAuth,
  timing: SnmpTiming,
  /** A report whose header time= is older than this (by this host's clock) is flagged stale. */
  freshness?: { maxAgeMs: number; now: number },
): Promise<Dom0Result> {
  const t = performance.now();
  const base = {
    name: ref.name,
    datacenter: ref.datacenter,
    target: `${ref.target.host}:${ref.target.port}`,
  };
  try {
    const r = await readExtendWithin(ref.target, auth, timing, resultsExtend);
    try {
      const report = parseRaw(r.output);
      const age = freshness ? freshness.now - report.time * 1000 : 0;
      if (freshness && age > freshness.maxAgeMs)
        return {
          ...base,
          state: 'stale',
          status: worstStatus([report.status, STATE_STATUS.stale]),
          extendResult: r.result,
          report,
          error: `collector report is ${Math.round(age / 60000)}m old (maxCacheAge ${Math.round(freshness.maxAgeMs / 60000)}m): is the collector's cron job or timer running on this dom0?`,
          durationMs: performance.now() - t,
        };
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
  // the configured dom0s are polled while the principals are asked, and each datacenter's listed dom0s
  // as soon as its listing arrives: every host has its own deadline (timeoutMs), so a run costs about
  // the slowest listing plus one deadline, whatever is dead
  const limited = createLimiter(o.config.snmp.concurrency);
  const polls = new Map<string, Promise<Dom0Result>>();
  const poll = (refs: Dom0Ref[]) => {
    for (const d of refs)
      if (!polls.has(d.name))
        polls.set(
          d.name,
          limited(() =>
            pollDom0(d, o.config.extend.results, o.auth, timing, {
              maxAgeMs: parseDuration(o.config.maxCacheAge),
              now: clock.now(),
            }),
          ),
        );
  };
  const configured = staticDom0s(o.config);
  poll(configured);
  const listed = await discoverListed(o.config, o.auth, timing, poll);
  // a dom0 both listed and configured belongs to the listing's datacenter (first listing wins)
  const listedDc = new Map<string, string | undefined>();
  for (const d of listed.dom0s) if (!listedDc.has(d.name)) listedDc.set(d.name, d.datacenter);
  const results = (await Promise.all(polls.values()))
    .map((r) => (listedDc.has(r.name) ? { ...r, datacenter: listedDc.get(r.name) } : r))
    .sort(byPlace);
  const problems = listed.problems;
  const dom0s = [...listed.dom0s, ...configured];
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
