// The predicted night: the engine driven by predicted durations instead of a live filer, so the plan
// obeys exactly the same limits, windows and ordering as a run.
import type { Relationship } from '@opskit/core';
import type { SchedulerConfig } from './config.js';
import { type ItemState, type OrderPolicy, SchedulerEngine } from './engine.js';
import type { TransferSpec } from './lines.js';
import { locationKey } from './location.js';
import { rateOf } from './predict.js';
import { BusinessHours } from './windows.js';

/** Duration assumed for a transfer whose size cannot be predicted (a baseline without size=). */
export const UNKNOWN_DURATION_SECONDS = 3600;

export interface PlannedTransfer {
  filer: string;
  source: string;
  destination: string;
  priority: number;
  kind: 'update' | 'initialize' | null;
  outcome: ItemState;
  predictedBytes: number | null;
  predictedStart: string | null;
  predictedEnd: string | null;
  rateKBps: number;
  reason: string | null;
  alreadyRunning: boolean;
}

export interface Plan {
  start: string;
  predictedEnd: string;
  predictedSeconds: number;
  order: OrderPolicy;
  transfers: PlannedTransfer[];
}

export function planNight(args: {
  specs: TransferSpec[];
  relationships: Map<string, Relationship[]>;
  config: SchedulerConfig;
  order: OrderPolicy;
  start: number;
}): Plan {
  const { config, specs } = args;
  const hours = new BusinessHours(config);
  const engine = new SchedulerEngine(specs, config, hours, args.order);
  const rels = new Map<string, Map<string, Relationship>>();
  for (const [filer, list] of args.relationships) {
    rels.set(filer, new Map(list.map((r) => [locationKey(r.destination), { ...r, last: { ...r.last } }])));
  }
  const ends = new Map<string, number>();
  const durationOf = (item: (typeof engine.items)[number]) => {
    const remaining = Math.max(0, (item.predictedBytes ?? Number.NaN) - item.bytes);
    const rate = (rateOf(item.spec, config) || config.estimatedRateKBps) * 1024;
    return Number.isFinite(remaining) ? (remaining / rate) * 1000 : UNKNOWN_DURATION_SECONDS * 1000;
  };
  const observeAll = (t: number) => {
    for (const filer of engine.filers) engine.observe(filer, [...(rels.get(filer)?.values() ?? [])], t);
  };

  let t = args.start;
  observeAll(t);
  for (const item of engine.items) if (item.state === 'running') ends.set(item.spec.id, t + durationOf(item));
  for (let guard = 0; guard < 100_000; guard++) {
    for (const action of engine.decide(t)) {
      engine.launched(action, t);
      ends.set(action.item.spec.id, t + durationOf(action.item));
      const map = rels.get(action.item.spec.filer) ?? new Map<string, Relationship>();
      rels.set(action.item.spec.filer, map);
      const prev = map.get(action.item.spec.id);
      map.set(action.item.spec.id, {
        source: action.item.spec.source,
        destination: action.item.spec.destination,
        state: prev?.state ?? 'uninitialized',
        activity: 'transferring',
        transferring: true,
        last: prev?.last ?? {},
      });
    }
    if (engine.done()) break;
    const next = Math.min(...ends.values(), engine.nextWake(t));
    if (!Number.isFinite(next)) break;
    t = Math.max(t, next);
    for (const [id, end] of ends) {
      if (end > t) continue;
      ends.delete(id);
      const item = engine.items.find((i) => i.spec.id === id);
      const rel = item && rels.get(item.spec.filer)?.get(id);
      if (!item || !rel) continue;
      rel.transferring = false;
      rel.activity = 'idle';
      rel.state = 'snapmirrored';
      rel.last = { bytes: item.predictedBytes, endTime: t };
    }
    observeAll(t);
  }
  engine.close();
  const iso = (n: number | undefined) => (n === undefined ? null : new Date(n).toISOString());
  return {
    start: new Date(args.start).toISOString(),
    predictedEnd: new Date(t).toISOString(),
    predictedSeconds: (t - args.start) / 1000,
    order: args.order,
    transfers: engine.items.map((i) => ({
      filer: i.spec.filer,
      source: i.spec.source,
      destination: i.spec.destination,
      priority: i.spec.priority,
      kind: i.kind ?? null,
      outcome: i.state,
      predictedBytes: i.predictedBytes ?? null,
      predictedStart: iso(i.startTime),
      predictedEnd: iso(i.endTime),
      rateKBps: rateOf(i.spec, config),
      reason: i.reason ?? null,
      alreadyRunning: i.adopted,
    })),
  };
}
