// One collector run: list domains, (re)apply permissions, read each record, evaluate against the state
// of the previous run, check dom0 itself, save state, cache and metrics atomically.
import { mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import {
  type Clock,
  createExecutor,
  type Executor,
  type NagiosStatus,
  parseDuration,
  realClock,
  worstStatus,
  writeFileAtomic,
} from '@opskit/core';
import type { AgentConfig } from '../agent/config.js';
import type { FsStats } from '../checks/disk.js';
import { runHostChecks } from '../checks/host.js';
import type { CheckResult } from '../checks/types.js';
import { createLimiter } from '../report/pool.js';
import type { XenStore } from '../xenstore/store.js';
import { readClusterShare, renderCluster } from './cluster.js';
import type { CollectorConfig } from './config.js';
import { type HomeTrees, listConfiguredDomains, PLAIN } from './domains.js';
import { type CollectorState, type DomainResult, evaluateDomains } from './evaluate.js';
import { renderCollectorMetrics } from './metrics.js';
import { renderRaw } from './raw.js';
import { type SetupAction, setupPermissions } from './setup.js';

export interface CollectorReport {
  host: string;
  /** dom0 clock, ms since the epoch. */
  time: number;
  status: NagiosStatus;
  domains: DomainResult[];
  dom0: CheckResult[];
  setup: SetupAction[];
  warnings: string[];
}

/** xenstore client processes run at once (each domain's reads are a few short processes). */
const XENSTORE_CONCURRENCY = 8;

export interface CollectorRunOptions {
  config: CollectorConfig;
  store: XenStore;
  executor?: Executor;
  clock?: Clock;
  statfs?: (path: string) => Promise<FsStats>;
  dryRun?: boolean;
  hostName?: string;
}

function readState(file: string, warnings: string[]): CollectorState | undefined {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as CollectorState;
    return s && s.version === 1 && typeof s.domains === 'object' ? s : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      warnings.push(`state file ${file} unreadable (${(err as Error).message}); staleness restarts from now`);
    return undefined;
  }
}

function save(file: string, text: string, mode: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, text, { mode });
}

export async function runCollector(o: CollectorRunOptions): Promise<CollectorReport> {
  const cfg = o.config;
  const clock = o.clock ?? realClock;
  const exec = o.executor ?? createExecutor();
  const warnings: string[] = [];
  const now = clock.now();
  // every read is per domain (name, vm, data/ permissions, the record node): whatever one guest put
  // into its own nodes can fail that domain's reads, never another domain's or the whole run
  const store = o.store;
  const trees: HomeTrees = new Map();
  const all = await listConfiguredDomains(cfg.domains, exec, store, trees);
  const domUs = all.filter((d) => d.domid !== 0 && !cfg.domains.ignore.includes(d.name));
  const limited = createLimiter(XENSTORE_CONCURRENCY);
  const perDomain = await Promise.all(
    domUs.map((info) =>
      limited(async () => {
        const done: SetupAction[] = [];
        if (info.error !== undefined) return { info, raw: undefined, error: info.error, done };
        try {
          const home = `/local/domain/${info.domid}`;
          // one client run over this domain's home gives data/'s own permissions and, most often, the
          // record too (a failure here, e.g. a huge subtree, falls back to the per-node reads below)
          const tree = trees.get(info.domid) ?? (await store.readTree(home).catch(() => undefined));
          if (cfg.autoSetup)
            done.push(
              ...(await setupPermissions(store, [info], {
                dryRun: o.dryRun ?? false,
                ...(tree ? { permissionsOf: async (p: string) => tree.get(p)?.perms } : {}),
              })),
            );
          const path = `${home}/${cfg.recordPath}`;
          const listed = tree?.get(path)?.value;
          // only a plain-text value is taken from the listing; anything else is read byte-exact (-R)
          const raw = listed !== undefined && PLAIN.test(listed) ? listed : await store.read(path);
          return { info, raw, done };
        } catch (err) {
          return { info, raw: undefined, error: (err as Error).message, done };
        }
      }),
    ),
  );
  const setup = perDomain.flatMap((d) => d.done);
  const records = perDomain.map(({ info, raw, error }) => ({ info, raw, error }));
  const prev = readState(cfg.stateFile, warnings);
  const { results, state } = evaluateDomains(records, prev, now, {
    staleAfterMs: parseDuration(cfg.staleAfter),
    missingGraceMs: parseDuration(cfg.missingGrace),
    severity: cfg.severity,
  });
  let dom0: CheckResult[] = [];
  if (cfg.dom0.enabled) {
    const off = { enabled: false };
    const checks = {
      cpu: off,
      swapActivity: off,
      gateway: {
        ...off,
        source: 'route',
        rules: [],
        interfaces: [],
        count: 1,
        timeoutSeconds: 1,
        pingCommand: ['ping'],
      },
      memory: cfg.dom0.memory,
      swapUsed: cfg.dom0.swapUsed,
      load: cfg.dom0.load,
      disk: { ...cfg.dom0.disk, statfsTimeoutSeconds: 5 },
    } as AgentConfig['checks'];
    const probe = {
      procRoot: cfg.dom0.procRoot,
      sysRoot: '/sys',
      exec,
      now,
      ...(o.statfs ? { statfs: o.statfs } : {}),
    };
    dom0 = (await runHostChecks(checks, probe, undefined, { gateway: false })).results;
  }
  const report: CollectorReport = {
    host: o.hostName ?? hostname(),
    time: now,
    status: worstStatus([...results.map((r) => r.status), ...dom0.map((c) => c.status)]),
    domains: results,
    dom0,
    setup,
    warnings,
  };
  if (!o.dryRun) {
    save(cfg.stateFile, `${JSON.stringify(state)}\n`, 0o600);
    save(cfg.cacheFile, renderRaw(report), 0o644);
    if (cfg.metricsFile) save(cfg.metricsFile, renderCollectorMetrics(report), 0o644);
  }
  if (cfg.clusterDir) {
    // the share (NFS) is read here, by root's timer, never inside snmpd: its extend prints this cache
    try {
      const listing = renderCluster(readClusterShare(cfg.clusterDir));
      if (!o.dryRun) save(cfg.clusterCacheFile, listing, 0o644);
    } catch (err) {
      warnings.push(
        `configuration share ${cfg.clusterDir} unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the cluster listing cache is kept and will show as stale`,
      );
    }
  }
  return report;
}
