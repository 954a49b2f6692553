// Reading series back for a time range. Every per-entity query is a range seek on the
// (entity, ts) primary key, so its cost follows the rows returned, not the table size.
import type { StatsDb } from '../db/open.js';
import { EntityKind } from '../db/schema.js';
import {
  diskValues,
  ENTITY_KIND,
  guestValues,
  hostValues,
  ifaceValues,
  type SeriesKind,
  type SeriesRow,
} from './metrics.js';
import type { TimeRange } from './range.js';

type Raw = Record<string, number | null>;

const TABLE = {
  iface: { table: 'net_sample', key: 'iface', values: ifaceValues },
  disk: { table: 'disk_sample', key: 'disk', values: diskValues },
  guest: { table: 'guest_sample', key: 'guest', values: guestValues },
} as const;

export function queryHost(db: StatsDb, range: TimeRange): SeriesRow[] {
  const rows = db
    .prepare(
      'SELECT s.interval_s AS interval_s, h.* FROM sample s JOIN host_sample h ON h.ts = s.ts WHERE s.ts > ? AND s.ts <= ? ORDER BY s.ts',
    )
    .all(range.from, range.to) as (Raw & { ts: number; interval_s: number | null })[];
  return rows.map((r) => ({ ts: r.ts, intervalS: r.interval_s, values: hostValues(r, r.interval_s) }));
}

export function listEntities(db: StatsDb, kind: Exclude<SeriesKind, 'host'>): { id: number; name: string }[] {
  return db.prepare('SELECT id, name FROM entity WHERE kind = ? ORDER BY name').all(ENTITY_KIND[kind]) as {
    id: number;
    name: string;
  }[];
}

export function entityId(db: StatsDb, kind: Exclude<SeriesKind, 'host'>, name: string): number | undefined {
  const r = db.prepare('SELECT id FROM entity WHERE kind = ? AND name = ?').get(ENTITY_KIND[kind], name) as
    | { id: number }
    | undefined;
  return r?.id;
}

export function querySeries(
  db: StatsDb,
  kind: Exclude<SeriesKind, 'host'>,
  id: number,
  range: TimeRange,
): SeriesRow[] {
  const t = TABLE[kind];
  const rows = db
    .prepare(
      `SELECT s.interval_s AS interval_s, x.* FROM ${t.table} x JOIN sample s ON s.ts = x.ts ` +
        `WHERE x.${t.key} = ? AND x.ts > ? AND x.ts <= ? ORDER BY x.ts`,
    )
    .all(id, range.from, range.to) as (Raw & { ts: number; interval_s: number | null })[];
  return rows.map((r) => ({ ts: r.ts, intervalS: r.interval_s, values: t.values(r, r.interval_s) }));
}

export type TopBy = 'cpu' | 'net' | 'io';

const TOP_EXPR: Record<TopBy, { value: string; known: string }> = {
  cpu: { value: 'SUM(g.cpu_ds) * 10.0', known: 'g.cpu_ds' },
  net: { value: 'SUM(g.net_rx_kib + g.net_tx_kib) * 1.0', known: 'g.net_rx_kib + g.net_tx_kib' },
  io: { value: 'SUM(g.vbd_rd + g.vbd_wr) * 1.0', known: 'g.vbd_rd + g.vbd_wr' },
};

/** Guests ranked by their time-weighted average over the range (cpu %, net KiB/s, io ops/s). */
export function topGuests(
  db: StatsDb,
  range: TimeRange,
  by: TopBy,
  n: number,
): { id: number; name: string; avg: number }[] {
  const e = TOP_EXPR[by];
  return db
    .prepare(
      `SELECT e.id AS id, e.name AS name, ${e.value} / SUM(CASE WHEN ${e.known} IS NOT NULL THEN s.interval_s END) AS avg
       FROM entity e JOIN guest_sample g ON g.guest = e.id AND g.ts > ? AND g.ts <= ?
       JOIN sample s ON s.ts = g.ts
       WHERE e.kind = ${EntityKind.guest}
       GROUP BY e.id HAVING avg IS NOT NULL ORDER BY avg DESC, e.name LIMIT ?`,
    )
    .all(range.from, range.to, n) as { id: number; name: string; avg: number }[];
}

export function hostname(db: StatsDb): string | undefined {
  const r = db.prepare("SELECT value FROM meta WHERE key = 'hostname'").get() as
    | { value: string }
    | undefined;
  return r?.value;
}
