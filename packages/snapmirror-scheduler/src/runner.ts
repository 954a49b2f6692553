// Carries out the engine's decisions against live filers: poll every receiving filer once per tick,
// launch what the engine chose, write the verbose debug file, then sleep until the next tick.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Clock,
  type Logger,
  RemoteError,
  type SnapMirrorClient,
  silentLogger,
  writeFileAtomic,
} from '@opskit/core';
import type { SchedulerConfig } from './config.js';
import {
  SchedulerEngine as Engine,
  type OrderPolicy,
  type SchedulerEngine,
  type SchedulerEvent,
} from './engine.js';
import type { TransferSpec } from './lines.js';
import { buildSummary, type RunSummary, type TimelinePoint } from './summary.js';
import { BusinessHours } from './windows.js';

export interface RunOptions {
  config: SchedulerConfig;
  specs: TransferSpec[];
  clients: Map<string, SnapMirrorClient>;
  clock: Clock;
  order?: OrderPolicy;
  log?: Logger;
  /** Write the debug file every debugIntervalSeconds (the original's verbose mode). */
  verbose?: boolean;
  onEvent?: (e: SchedulerEvent) => void;
  /** Called after every tick with the engine, for the live view. */
  onTick?: (engine: SchedulerEngine, now: number) => void;
  signal?: AbortSignal;
  /** Filled with the time spent in the engine's own decisions (ms), to tell scheduler cost from I/O. */
  stats?: { engineMs: number };
}

const MIN_SLEEP_MS = 1000;

export async function runSchedule(options: RunOptions): Promise<RunSummary> {
  const { config, specs, clients, clock } = options;
  const log = options.log ?? silentLogger;
  const order = options.order ?? config.order;
  const hours = new BusinessHours(config);
  const engine = new Engine(specs, config, hours, order, options.onEvent);
  const started = clock.now();
  const timeline: TimelinePoint[] = [];
  let nextDebug = started;
  const aborted = () => options.signal?.aborted ?? false;

  const record = (now: number) => {
    const running = engine.running();
    const limits = engine.limits(now);
    const point: TimelinePoint = {
      time: now,
      running: running.perFiler,
      global: running.global,
      limits: limits.perFiler,
      globalLimit: Number.isFinite(limits.global) ? limits.global : null,
      business: limits.business,
    };
    // Several records at one instant (after the poll, after the launches) keep only the last state.
    if (timeline[timeline.length - 1]?.time === now) timeline.pop();
    const prev = timeline[timeline.length - 1];
    if (!prev || JSON.stringify({ ...prev, time: 0 }) !== JSON.stringify({ ...point, time: 0 }))
      timeline.push(point);
  };
  const debug = (now: number) => {
    try {
      writeDebugFiles(engine, config, now);
    } catch (err) {
      log.warn('cannot write the debug file', { dir: config.debugDir, error: (err as Error).message });
    }
  };

  while (!aborted()) {
    await Promise.all(
      engine.filers.map(async (filer) => {
        const client = clients.get(filer);
        if (!client) throw new Error(`no client for filer ${filer}`);
        try {
          const rels = await client.listRelationships();
          const t = performance.now();
          engine.observe(filer, rels, clock.now());
          if (options.stats) options.stats.engineMs += performance.now() - t;
        } catch (err) {
          const message = (err as Error).message;
          log.warn('poll failed', { filer, error: message });
          engine.observeFailure(filer, message, clock.now());
        }
      }),
    );
    let now = clock.now();
    record(now);
    if (aborted()) break; // stopped while polling: launch nothing more

    const decideStart = performance.now();
    const actions = engine.decide(now);
    if (options.stats) options.stats.engineMs += performance.now() - decideStart;
    for (const action of actions) {
      const client = clients.get(action.item.spec.filer);
      if (!client) continue;
      try {
        await client.startTransfer({
          destination: action.item.spec.destination,
          source: action.item.spec.source,
          kind: action.kind,
          maxRateKBps: action.rateKBps,
        });
        engine.launched(action, clock.now());
      } catch (err) {
        // An answer from the filer (an API error) failed the attempt; anything else may not have arrived.
        const transient = err instanceof RemoteError ? err.transient : true;
        log.warn('launch failed', {
          destination: action.item.spec.destination,
          error: (err as Error).message,
        });
        engine.launchFailed(action, (err as Error).message, transient, clock.now());
      }
    }
    now = clock.now();
    record(now);

    if (options.verbose && now >= nextDebug) {
      debug(now);
      nextDebug = now + config.debugIntervalSeconds * 1000;
    }
    options.onTick?.(engine, now);
    if (engine.done()) break;

    let wake = Math.min(now + config.pollIntervalSeconds * 1000, engine.nextWake(now));
    if (options.verbose) wake = Math.min(wake, nextDebug);
    // Wake just after the earliest predicted completion, so a freed slot is refilled quickly.
    for (const item of engine.items) {
      if (item.state !== 'running' || item.predictedBytes === undefined || !item.rate || item.rate <= 0)
        continue;
      const eta = now + ((item.predictedBytes - item.bytes) / item.rate) * 1000;
      if (eta > now) wake = Math.min(wake, eta + MIN_SLEEP_MS);
    }
    try {
      await clock.sleep(Math.max(MIN_SLEEP_MS, wake - now), options.signal);
    } catch (err) {
      if (!aborted()) throw err;
    }
  }
  // Interrupted or done: what runs on the filers goes on (a later run adopts it); the summary says so.
  const ended = clock.now();
  engine.close();
  record(ended);
  if (options.verbose) debug(ended);
  return buildSummary({ engine, config, order, started, ended, timeline, interrupted: aborted() });
}

/** The original's verbose debug file: /tmp/.scheduleSnapMirror_<filer>.debug, running transfers and bytes. */
export function writeDebugFiles(engine: SchedulerEngine, config: SchedulerConfig, now: number): void {
  mkdirSync(config.debugDir, { recursive: true });
  for (const filer of engine.filers) {
    const running = engine.items.filter(
      (i) => i.spec.filer === filer && (i.state === 'running' || i.state === 'launching'),
    );
    const lines = [
      `# snapmirror-scheduler ${new Date(now).toISOString()} filer ${filer}: ${running.length} running`,
      ...running.map(
        (i) =>
          `${i.spec.source} -> ${i.spec.destination} ${i.kind ?? ''} bytes=${i.bytes} rate=${Math.round((i.rate ?? 0) / 1024)}KB/s started=${
            i.startTime ? new Date(i.startTime).toISOString() : '-'
          }`,
      ),
    ];
    writeFileAtomic(join(config.debugDir, `.scheduleSnapMirror_${filer}.debug`), `${lines.join('\n')}\n`);
  }
}
