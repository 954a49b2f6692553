// `run <filer...>`: validate everything, lock, then launch the night (or, with --dry-run, plan it).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  acquireLock,
  type Clock,
  type LockHandle,
  type Logger,
  type SnapMirrorClient,
  writeFileAtomic,
} from '@opskit/core';
import { createClients } from '../clients.js';
import { loadConfig, type SchedulerConfig } from '../config.js';
import type { OrderPolicy, SchedulerEngine, SchedulerEvent } from '../engine.js';
import { loadSchedules, type TransferSpec } from '../lines.js';
import { type Plan, planNight } from '../plan.js';
import { renderHtmlReport } from '../report-html.js';
import { runSchedule } from '../runner.js';
import type { RunSummary } from '../summary.js';

export interface RunCommandOptions {
  configDir: string;
  filers: string[];
  order?: OrderPolicy | undefined;
  dryRun?: boolean;
  verbose?: boolean;
  /** Where to write the JSON summary (default <stateDir>/summary-<start>.json). */
  summaryFile?: string | undefined;
  htmlFile?: string | undefined;
  clock: Clock;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  onEvent?: (e: SchedulerEvent) => void;
  onTick?: (engine: SchedulerEngine, now: number) => void;
  signal?: AbortSignal;
  /** Clients to use instead of building them from the configuration (tests, simulate). */
  clients?: Map<string, SnapMirrorClient>;
}

export interface Prepared {
  config: SchedulerConfig;
  specs: TransferSpec[];
  clients: Map<string, SnapMirrorClient>;
}

/** Loads and validates the configuration, every schedule file and every filer's credentials. */
export async function prepare(
  options: Pick<RunCommandOptions, 'configDir' | 'filers' | 'clients' | 'clock' | 'log' | 'env'>,
): Promise<Prepared> {
  const { config } = loadConfig(options.configDir);
  const filers = options.filers.length ? options.filers : Object.keys(config.filers);
  const specs = loadSchedules(options.configDir, filers, config);
  const clients = options.clients ?? (await createClients(config, filers, options));
  return { config, specs, clients };
}

/** Polls each filer once and plans the night from its figures. */
export async function planFromFilers(prepared: Prepared, order: OrderPolicy, clock: Clock): Promise<Plan> {
  const relationships = new Map(
    await Promise.all(
      [...new Set(prepared.specs.map((s) => s.filer))].map(
        async (filer) => [filer, await prepared.clients.get(filer)!.listRelationships()] as const,
      ),
    ),
  );
  return planNight({
    specs: prepared.specs,
    relationships,
    config: prepared.config,
    order,
    start: clock.now(),
  });
}

export async function runCommand(
  options: RunCommandOptions,
): Promise<{ summary?: RunSummary; plan?: Plan; summaryFile?: string }> {
  const prepared = await prepare(options);
  const { config, specs, clients } = prepared;
  const order = options.order ?? config.order;
  try {
    if (options.dryRun) return { plan: await planFromFilers(prepared, order, options.clock) };
    const locks: LockHandle[] = [];
    try {
      mkdirSync(config.stateDir, { recursive: true });
      for (const filer of [...new Set(specs.map((s) => s.filer))].sort()) {
        locks.push(acquireLock(join(config.stateDir, `${filer}.lock`)));
      }
      const summary = await runSchedule({
        config,
        specs,
        clients,
        clock: options.clock,
        order,
        log: options.log,
        verbose: options.verbose,
        onEvent: options.onEvent,
        onTick: options.onTick,
        signal: options.signal,
      });
      const stamp = summary.started.replace(/[:.]/g, '-');
      const summaryFile = options.summaryFile ?? join(config.stateDir, `summary-${stamp}.json`);
      writeFileAtomic(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
      if (options.htmlFile) writeFileAtomic(options.htmlFile, renderHtmlReport(summary));
      return { summary, summaryFile };
    } finally {
      for (const lock of locks) lock.release();
    }
  } finally {
    await Promise.all([...clients.values()].map((c) => c.close().catch(() => undefined)));
  }
}
