// The run summary: what every transfer did, the concurrency over time, and the night's figures.
import { formatBytes, formatDuration, renderTable } from '@opskit/core';
import type { SchedulerConfig } from './config.js';
import type { ItemState, OrderPolicy, SchedulerEngine, SchedulerEvent } from './engine.js';
import { formatLocalTime } from './windows.js';

export interface TimelinePoint {
  time: number;
  running: Record<string, number>;
  global: number;
  limits: Record<string, number>;
  globalLimit: number | null;
  business: boolean;
}

export interface TransferRecord {
  filer: string;
  source: string;
  destination: string;
  file: string;
  line: number;
  priority: number;
  kind: 'update' | 'initialize' | null;
  outcome: ItemState;
  adopted: boolean;
  attempts: number;
  start: string | null;
  end: string | null;
  durationSeconds: number | null;
  bytes: number;
  predictedBytes: number | null;
  rateKBps: number;
  reason: string | null;
  errors: string[];
}

export interface RunSummary {
  version: 1;
  started: string;
  ended: string;
  durationSeconds: number;
  /** The run was stopped (SIGINT/SIGTERM) before it finished; transfers still running go on on the filers. */
  interrupted: boolean;
  order: OrderPolicy;
  timezone: string | null;
  filers: string[];
  counts: Record<'succeeded' | 'failed' | 'deferred' | 'skipped' | 'other', number>;
  totalBytes: number;
  maxConcurrent: { perFiler: Record<string, number>; global: number };
  transfers: TransferRecord[];
  timeline: TimelinePoint[];
  events: SchedulerEvent[];
}

const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

export function buildSummary(args: {
  engine: SchedulerEngine;
  config: SchedulerConfig;
  order: OrderPolicy;
  started: number;
  ended: number;
  timeline: TimelinePoint[];
  interrupted?: boolean;
}): RunSummary {
  const { engine, config } = args;
  const transfers: TransferRecord[] = engine.items.map((i) => ({
    filer: i.spec.filer,
    source: i.spec.source,
    destination: i.spec.destination,
    file: i.spec.file,
    line: i.spec.line,
    priority: i.spec.priority,
    kind: i.kind ?? null,
    outcome: i.state,
    adopted: i.adopted,
    attempts: i.attempts,
    start: iso(i.startTime),
    end: iso(i.endTime),
    durationSeconds:
      i.startTime !== undefined && i.endTime !== undefined ? (i.endTime - i.startTime) / 1000 : null,
    bytes: i.bytes,
    predictedBytes: i.predictedBytes ?? null,
    rateKBps: i.spec.rateKBps ?? config.defaultRateKBps,
    reason: i.reason ?? null,
    errors: i.errors,
  }));
  const counts = { succeeded: 0, failed: 0, deferred: 0, skipped: 0, other: 0 };
  for (const t of transfers) {
    if (t.outcome in counts) counts[t.outcome as keyof typeof counts]++;
    else counts.other++;
  }
  const perFiler: Record<string, number> = Object.fromEntries(engine.filers.map((f) => [f, 0]));
  let global = 0;
  for (const p of args.timeline) {
    global = Math.max(global, p.global);
    for (const [f, n] of Object.entries(p.running)) perFiler[f] = Math.max(perFiler[f] ?? 0, n);
  }
  return {
    version: 1,
    started: new Date(args.started).toISOString(),
    ended: new Date(args.ended).toISOString(),
    durationSeconds: (args.ended - args.started) / 1000,
    interrupted: args.interrupted ?? false,
    order: args.order,
    timezone: config.timezone ?? null,
    filers: engine.filers,
    counts,
    totalBytes: transfers.reduce((s, t) => s + (t.outcome === 'succeeded' ? t.bytes : 0), 0),
    maxConcurrent: { perFiler, global },
    transfers,
    timeline: args.timeline,
    events: engine.events,
  };
}

/** The end-of-run table and one line of totals. */
export function renderSummary(summary: RunSummary): string {
  const tz = summary.timezone ?? undefined;
  const hhmm = (s: string | null) => (s ? formatLocalTime(Date.parse(s), tz).slice(11) : '-');
  const rows = summary.transfers.map((t) => [
    t.destination,
    t.kind ?? '-',
    t.outcome + (t.adopted ? ' (adopted)' : ''),
    hhmm(t.start),
    hhmm(t.end),
    t.durationSeconds === null ? '-' : formatDuration(t.durationSeconds),
    t.bytes ? formatBytes(t.bytes) : '-',
    String(t.attempts),
    t.reason ?? '',
  ]);
  const table = renderTable(
    ['destination', 'kind', 'outcome', 'start', 'end', 'took', 'bytes', 'tries', 'note'],
    rows,
    {
      alignRight: [6, 7],
    },
  );
  const c = summary.counts;
  return `${table}\n${c.succeeded} succeeded, ${c.failed} failed, ${c.deferred} deferred, ${c.skipped} skipped; ${formatBytes(
    summary.totalBytes,
  )} in ${formatDuration(summary.durationSeconds)}; highest concurrency ${summary.maxConcurrent.global} (${Object.entries(
    summary.maxConcurrent.perFiler,
  )
    .map(([f, n]) => `${f} ${n}`)
    .join(', ')})\n`;
}
