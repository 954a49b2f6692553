// Builds a report (data only): host, interfaces, disks and guests over a range, with summaries
// and optionally top-N guests. Rendering lives in text.ts, export.ts, chart.ts and html.ts.
import { UsageError } from '@opskit/core';
import type { StatsDb } from '../db/open.js';
import { METRICS, type SeriesKind, type SeriesRow } from './metrics.js';
import { entityId, hostname, listEntities, queryHost, querySeries, type TopBy, topGuests } from './query.js';
import type { TimeRange } from './range.js';
import { type Summary, summarize } from './stats.js';

export interface SeriesReport {
  kind: SeriesKind;
  name: string;
  summary: Record<string, Summary>;
  rows: SeriesRow[];
}

export interface TopEntry {
  name: string;
  avg: number;
  max: number | null;
  p95: number | null;
}

export interface Report {
  hostname: string | undefined;
  range: TimeRange;
  samples: number;
  host: SeriesReport;
  ifaces: SeriesReport[];
  disks: SeriesReport[];
  guests: SeriesReport[];
  top?: { by: TopBy; unit: string; guests: TopEntry[] };
}

export interface BuildOptions {
  range: TimeRange;
  /** Only this guest (its per-sample rows are the point of the report). */
  guest?: string;
  /** Rank guests by `by` and keep the first `top`. */
  top?: number;
  by?: TopBy;
  /** Include interfaces, disks and all guests (default true; false for a guest or top-only report). */
  all?: boolean;
  /**
   * With `all`: keep the per-sample rows of every guest (true, the default), of none (false: text
   * needs only summaries), or of the N busiest by CPU (charts). Bounds memory on long ranges.
   */
  guestRows?: boolean | number;
}

export function summarizeRows(kind: SeriesKind, rows: SeriesRow[]): Record<string, Summary> {
  const weights = rows.map((r) => r.intervalS);
  return Object.fromEntries(
    METRICS[kind].map((m) => [
      m.key,
      summarize(
        rows.map((r) => r.values[m.key] ?? null),
        m.type === 'rate' ? weights : undefined,
      ),
    ]),
  );
}

function series(kind: SeriesKind, name: string, rows: SeriesRow[]): SeriesReport {
  return { kind, name, rows, summary: summarizeRows(kind, rows) };
}

const TOP_VALUE: Record<TopBy, { unit: string; of: (v: Record<string, number | null>) => number | null }> = {
  cpu: { unit: '%cpu', of: (v) => v['cpu'] ?? null },
  net: { unit: 'kB/s', of: (v) => (v['rxkB'] == null || v['txkB'] == null ? null : v['rxkB'] + v['txkB']) },
  io: { unit: 'ops/s', of: (v) => (v['rd'] == null || v['wr'] == null ? null : v['rd'] + v['wr']) },
};

export function buildReport(db: StatsDb, o: BuildOptions): Report {
  const all = o.all ?? !(o.guest || o.top);
  const hostRows = queryHost(db, o.range);
  const report: Report = {
    hostname: hostname(db),
    range: o.range,
    samples: hostRows.length,
    host: series('host', 'host', all ? hostRows : []),
    ifaces: [],
    disks: [],
    guests: [],
  };
  if (all) {
    for (const kind of ['iface', 'disk'] as const) {
      const list = listEntities(db, kind).map((e) =>
        series(kind, e.name, querySeries(db, kind, e.id, o.range)),
      );
      report[kind === 'iface' ? 'ifaces' : 'disks'] = list.filter((s) => s.rows.length);
    }
  }
  if (o.guest) {
    const id = entityId(db, 'guest', o.guest);
    if (id === undefined) {
      const known = listEntities(db, 'guest').map((g) => g.name);
      throw new UsageError(`--guest: no guest "${o.guest}" in this database`, {
        hint: known.length
          ? `known guests: ${known.slice(0, 20).join(', ')}`
          : 'no guests were ever recorded',
      });
    }
    report.guests = [series('guest', o.guest, querySeries(db, 'guest', id, o.range))];
  } else if (all) {
    const keep = o.guestRows ?? true;
    const list = listEntities(db, 'guest');
    report.guests = list
      .map((g) => {
        const s = series('guest', g.name, querySeries(db, 'guest', g.id, o.range));
        return { ...s, rows: keep === true ? s.rows : s.rows.length ? [s.rows[0]!] : [] };
      })
      .filter((s) => s.rows.length);
    if (keep !== true) {
      const busiest = new Set(
        [...report.guests]
          .sort((a, b) => (b.summary['cpu']?.avg ?? -1) - (a.summary['cpu']?.avg ?? -1))
          .slice(0, keep === false ? 0 : keep)
          .map((g) => g.name),
      );
      const ids = new Map(list.map((g) => [g.name, g.id]));
      for (const g of report.guests)
        g.rows = busiest.has(g.name) ? querySeries(db, 'guest', ids.get(g.name)!, o.range) : [];
    }
  }
  if (o.top) {
    const by = o.by ?? 'cpu';
    const t = TOP_VALUE[by];
    report.top = {
      by,
      unit: t.unit,
      guests: topGuests(db, o.range, by, o.top).map((g) => {
        const s = summarize(querySeries(db, 'guest', g.id, o.range).map((r) => t.of(r.values)));
        return { name: g.name, avg: g.avg, max: s.max, p95: s.p95 };
      }),
    };
  }
  return report;
}
