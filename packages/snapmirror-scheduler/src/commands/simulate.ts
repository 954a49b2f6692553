// `simulate --scenario FILE`: the real engine and runner against an in-process ontap-sim over real
// HTTP on 127.0.0.1, on a virtual clock, then the night's figures judged against the lower bound.
import {
  ConfigError,
  credentialsEnvPrefix,
  type Logger,
  loadStructuredFile,
  type SnapMirrorClient,
  VirtualClock,
} from '@opskit/core';
import { type Scenario, startSimulator } from '@opskit/ontap-sim';
import { type LowerBound, lowerBound } from '../bound.js';
import { createClients } from '../clients.js';
import { filerLimits, parseConfig, type SchedulerConfig } from '../config.js';
import type { OrderPolicy, SchedulerEngine, SchedulerEvent } from '../engine.js';
import { parseScheduleFile, type TransferSpec } from '../lines.js';
import { runSchedule } from '../runner.js';
import type { RunSummary } from '../summary.js';

export interface SimulationScenario {
  start?: string;
  simulator: Scenario;
  scheduler: Record<string, unknown>;
  schedules: Record<string, string[]>;
}

export interface SimulatedTransfer {
  filer: string;
  source: string;
  destination: string;
  kind: string;
  state: string;
  bytes: number;
  start: string | null;
  end: string | null;
}

export interface SimulationResult {
  start: string;
  order: OrderPolicy;
  makespanSeconds: number;
  lowerBound: LowerBound;
  ratio: number;
  maxConcurrent: { perFiler: Record<string, number>; global: number };
  limits: {
    perFiler: Record<string, { business: number; offHours: number }>;
    global: { business: number; offHours: number } | null;
  };
  transfers: SimulatedTransfer[];
  counts: RunSummary['counts'];
  /** CPU time of the whole process (scheduler, client and simulator) and of the engine alone, ms. */
  cpuMs: { process: number; engine: number };
  realMs: number;
  summary: RunSummary;
}

const DEFAULT_START = '2026-01-05T20:00:00Z';

export function loadSimulationScenario(file: string): SimulationScenario {
  const doc = loadStructuredFile<SimulationScenario>(file);
  const s = doc.data;
  for (const key of ['simulator', 'scheduler', 'schedules'] as const) {
    if (!s || typeof s !== 'object' || typeof s[key] !== 'object' || s[key] === null) {
      throw new ConfigError(
        `missing "${key}" object`,
        { file, line: doc.lineOf(`/${key}`) },
        {
          hint: 'a scenario has "simulator", "scheduler" and "schedules" (see docs/snapmirror-scheduler.md)',
        },
      );
    }
  }
  return s;
}

export async function simulateNight(args: {
  scenario: SimulationScenario;
  file?: string;
  order?: OrderPolicy | undefined;
  log?: Logger;
  onEvent?: (e: SchedulerEvent) => void;
  onTick?: (engine: SchedulerEngine, now: number) => void;
  /** Real milliseconds to wait after each tick (the demo's pace); 0 = as fast as possible. */
  paceMs?: number;
}): Promise<SimulationResult> {
  const file = args.file ?? 'scenario';
  const { scenario } = args;
  const start = Date.parse(scenario.start ?? scenario.simulator.start ?? DEFAULT_START);
  if (!Number.isFinite(start))
    throw new ConfigError(`start "${scenario.start}" is not an ISO 8601 time`, { file, field: 'start' });
  const clock = new VirtualClock({ start, auto: true });
  const realStart = performance.now();
  const cpuStart = process.cpuUsage();
  const sim = await startSimulator({ scenario: scenario.simulator, clock });
  let clients: Map<string, SnapMirrorClient> | undefined;
  try {
    const filers = Object.keys(scenario.schedules);
    const schedulerData = structuredClone(scenario.scheduler) as {
      filers?: Record<string, Record<string, unknown>>;
    };
    const env: NodeJS.ProcessEnv = {};
    schedulerData.filers ??= {};
    for (const filer of filers) {
      const endpoint = sim.filers[filer];
      if (!endpoint) {
        throw new ConfigError(`schedules.${filer}: no such filer in the simulator`, {
          file,
          field: `schedules.${filer}`,
        });
      }
      schedulerData.filers[filer] = {
        ...schedulerData.filers[filer],
        host: endpoint.host,
        port: endpoint.port,
        protocol: endpoint.protocol,
        dialect: endpoint.dialect,
      };
      const prefix = credentialsEnvPrefix(filer);
      env[`${prefix}_USER`] = endpoint.credentials.username;
      env[`${prefix}_PASSWORD`] = endpoint.credentials.password;
    }
    const config: SchedulerConfig = parseConfig(JSON.stringify(schedulerData), `${file}#scheduler`);
    const specs: TransferSpec[] = [];
    for (const filer of filers) {
      specs.push(
        ...parseScheduleFile(
          (scenario.schedules[filer] ?? []).join('\n'),
          `${file}#schedules.${filer}`,
          filer,
          config,
          specs.length,
        ),
      );
    }
    clients = await createClients(config, filers, { clock, env, log: args.log });
    const order = args.order ?? config.order;
    const stats = { engineMs: 0 };
    const pace = args.paceMs ?? 0;
    const runClock =
      pace > 0
        ? {
            now: () => clock.now(),
            sleep: async (ms: number, signal?: AbortSignal) => {
              await clock.sleep(ms, signal);
              await new Promise((r) => setTimeout(r, pace));
            },
          }
        : clock;
    const summary = await runSchedule({
      config,
      specs,
      clients,
      clock: runClock,
      order,
      log: args.log,
      onEvent: args.onEvent,
      onTick: args.onTick,
      stats,
    });
    const records = sim.transfers();
    const conc = sim.concurrency();
    const ends = records.map((r) => r.endedAt ?? clock.now());
    const makespanSeconds = (Math.max(start, ...ends) - start) / 1000;
    const rateOf = (destination: string) =>
      specs.find((s) => s.destination.toLowerCase() === destination.toLowerCase())?.rateKBps ??
      config.defaultRateKBps;
    const links = Object.fromEntries(
      (scenario.simulator.links ?? []).map((l) => [`${l.from}->${l.to}`, l.bandwidthKBps]),
    );
    const filerBw = Object.fromEntries(
      scenario.simulator.filers.map((f) => [f.name, f.bandwidthKBps ?? 125_000]),
    );
    const bound = lowerBound(
      records
        .filter((r) => r.state === 'success')
        .map((r) => ({ bytes: r.bytes, filer: r.filer, link: r.link, rateKBps: rateOf(r.destination) })),
      {
        links,
        filers: filerBw,
        filerLimits: Object.fromEntries(filers.map((f) => [f, filerLimits(config, f).offHours])),
        globalLimit: config.limits.global?.offHours ?? Number.POSITIVE_INFINITY,
      },
    );
    const cpu = process.cpuUsage(cpuStart);
    return {
      start: new Date(start).toISOString(),
      order,
      makespanSeconds,
      lowerBound: bound,
      ratio: bound.seconds > 0 ? makespanSeconds / bound.seconds : 1,
      maxConcurrent: {
        perFiler: Object.fromEntries(Object.entries(conc.filers).map(([k, v]) => [k, v.max])),
        global: conc.global.max,
      },
      limits: {
        perFiler: Object.fromEntries(filers.map((f) => [f, filerLimits(config, f)])),
        global: config.limits.global ?? null,
      },
      transfers: records.map((r) => ({
        filer: r.filer,
        source: r.source,
        destination: r.destination,
        kind: r.kind,
        state: r.state,
        bytes: r.bytes,
        start: r.startedAt === undefined ? null : new Date(r.startedAt).toISOString(),
        end: r.endedAt === undefined ? null : new Date(r.endedAt).toISOString(),
      })),
      counts: summary.counts,
      cpuMs: { process: (cpu.user + cpu.system) / 1000, engine: stats.engineMs },
      realMs: performance.now() - realStart,
      summary,
    };
  } finally {
    await Promise.all([...(clients?.values() ?? [])].map((c) => c.close().catch(() => undefined)));
    await sim.close();
  }
}
