// Retention: delete history older than a cutoff, and fold old raw samples into hourly rows.
// Work goes one day per transaction, so the WAL stays small and a reader is never blocked long.
import type { StatsDb } from './db/open.js';
import { EntityKind } from './db/schema.js';

const DAY = 86_400;
const HOUR = 3_600;

interface TableDef {
  table: string;
  /** Entity column, or undefined for the host table (one row per sample). */
  entity?: string;
  kind?: number;
  gauges: string[];
  deltas: string[];
  /** Gauges folded with max() instead of the mean (state bits, vCPU count). */
  maxGauges?: string[];
}

const TABLES: TableDef[] = [
  {
    table: 'host_sample',
    gauges: ['load1', 'load5', 'load15', 'mem_total', 'mem_avail', 'swap_total', 'swap_free'],
    deltas: ['cpu_user', 'cpu_system', 'cpu_iowait', 'cpu_steal', 'cpu_idle', 'swap_in', 'swap_out'],
  },
  {
    table: 'net_sample',
    entity: 'iface',
    kind: EntityKind.iface,
    gauges: [],
    deltas: ['rx_bytes', 'tx_bytes', 'rx_packets', 'tx_packets'],
  },
  {
    table: 'disk_sample',
    entity: 'disk',
    kind: EntityKind.disk,
    gauges: [],
    deltas: ['reads', 'writes', 'read_sectors', 'write_sectors'],
  },
  {
    table: 'guest_sample',
    entity: 'guest',
    kind: EntityKind.guest,
    gauges: ['mem_mib'],
    maxGauges: ['state', 'vcpus'],
    deltas: ['cpu_ds', 'net_rx_kib', 'net_tx_kib', 'vbd_rd', 'vbd_wr', 'vbd_rsect', 'vbd_wsect'],
  },
];

export interface PruneResult {
  cutoff: number;
  deletedSamples: number;
  deletedGuests: number;
  downsampled?: { before: number; rawSamples: number; hourlyRows: number };
}

function entityIds(db: StatsDb, kind: number): number[] {
  return (db.prepare('SELECT id FROM entity WHERE kind = ?').all(kind) as { id: number }[]).map((r) => r.id);
}

function oldest(db: StatsDb, where = ''): number | null {
  return (db.prepare(`SELECT min(ts) AS ts FROM sample ${where}`).get() as { ts: number | null }).ts;
}

/** Deletes every sample (raw and hourly) at or before `cutoff`, and guests with no data left. */
export function pruneBefore(db: StatsDb, cutoff: number): PruneResult {
  let deleted = 0;
  const first = oldest(db);
  if (first !== null) {
    for (let w = Math.floor((first - 1) / DAY) * DAY; w < cutoff; w += DAY) {
      const end = Math.min(w + DAY, cutoff);
      db.transaction(() => {
        for (const t of TABLES) {
          if (!t.entity) db.prepare(`DELETE FROM ${t.table} WHERE ts > ? AND ts <= ?`).run(w, end);
          else {
            const del = db.prepare(`DELETE FROM ${t.table} WHERE ${t.entity} = ? AND ts > ? AND ts <= ?`);
            for (const id of entityIds(db, t.kind!)) del.run(id, w, end);
          }
        }
        db.prepare('DELETE FROM series_break WHERE ts > ? AND ts <= ?').run(w, end);
        deleted += db.prepare('DELETE FROM sample WHERE ts > ? AND ts <= ?').run(w, end).changes;
      }).immediate();
    }
  }
  const gone = db
    .transaction(() => {
      db.prepare('DELETE FROM counter_state WHERE ts <= ?').run(cutoff);
      return db
        .prepare(
          `DELETE FROM entity WHERE
           (kind = ${EntityKind.guest} AND NOT EXISTS (SELECT 1 FROM guest_sample WHERE guest = entity.id)) OR
           (kind = ${EntityKind.iface} AND NOT EXISTS (SELECT 1 FROM net_sample WHERE iface = entity.id)) OR
           (kind = ${EntityKind.disk} AND NOT EXISTS (SELECT 1 FROM disk_sample WHERE disk = entity.id))`,
        )
        .run().changes;
    })
    .immediate();
  return { cutoff, deletedSamples: deleted, deletedGuests: gone };
}

type Row = Record<string, number | null>;

/** Folds raw rows of one entity (or the host) into hourly rows, keyed by bucket end. */
function fold(
  rows: Row[],
  t: TableDef,
  intervals: Map<number, number | null>,
  totals: Map<number, number | null>,
): Map<number, Row> {
  const groups = new Map<number, Row[]>();
  for (const r of rows) {
    const b = Math.ceil((r['ts'] as number) / HOUR) * HOUR;
    const g = groups.get(b);
    if (g) g.push(r);
    else groups.set(b, [r]);
  }
  const out = new Map<number, Row>();
  for (const [b, g] of groups) {
    const row: Row = {};
    for (const c of t.gauges) {
      const known = g.map((r) => r[c]).filter((v): v is number => v !== null && v !== undefined);
      row[c] = known.length ? Math.round(known.reduce((a, v) => a + v, 0) / known.length) : null;
    }
    for (const c of t.maxGauges ?? []) {
      const known = g.map((r) => r[c]).filter((v): v is number => v !== null && v !== undefined);
      row[c] = known.length ? Math.max(...known) : null;
    }
    const total = totals.get(b) ?? null;
    for (const c of t.deltas) {
      let sum = 0;
      let time = 0;
      for (const r of g) {
        const v = r[c];
        const s = intervals.get(r['ts'] as number);
        if (v === null || v === undefined || !s) continue;
        sum += v;
        time += s;
      }
      // Scaled to the whole bucket: the rate over the known part of the hour.
      row[c] = time && total ? Math.round((sum * total) / time) : null;
    }
    out.set(b, row);
  }
  return out;
}

/** Replaces raw samples at or before `before` (whole hours only) with one row per hour. */
export function downsampleBefore(db: StatsDb, before: number): { rawSamples: number; hourlyRows: number } {
  const limit = Math.floor(before / HOUR) * HOUR;
  let raw = 0;
  let hourly = 0;
  const first = oldest(db, 'WHERE resolution = 0');
  if (first === null) return { rawSamples: 0, hourlyRows: 0 };
  for (let w = Math.floor((first - 1) / DAY) * DAY; w < limit; w += DAY) {
    const end = Math.min(w + DAY, limit);
    db.transaction(() => {
      const samples = db
        .prepare('SELECT ts, interval_s FROM sample WHERE resolution = 0 AND ts > ? AND ts <= ?')
        .all(w, end) as { ts: number; interval_s: number | null }[];
      if (!samples.length) return;
      const existingHourly = new Set(
        (
          db
            .prepare('SELECT ts FROM sample WHERE resolution > 0 AND ts > ? AND ts <= ?')
            .all(w, end + HOUR) as { ts: number }[]
        ).map((r) => r.ts),
      );
      const intervals = new Map(samples.map((s) => [s.ts, s.interval_s]));
      const totals = new Map<number, number | null>();
      for (const s of samples) {
        const b = Math.ceil(s.ts / HOUR) * HOUR;
        totals.set(b, (totals.get(b) ?? 0) + (s.interval_s ?? 0) || null);
      }
      for (const b of existingHourly) totals.delete(b);
      const rawTs = samples.map((s) => s.ts).filter((ts) => totals.has(Math.ceil(ts / HOUR) * HOUR));
      if (!rawTs.length) return;
      const lo = Math.min(...rawTs);
      const hi = Math.max(...rawTs);
      for (const t of TABLES) {
        const ids = t.entity ? entityIds(db, t.kind!) : [0];
        const select = t.entity
          ? db.prepare(`SELECT * FROM ${t.table} WHERE ${t.entity} = ? AND ts >= ? AND ts <= ?`)
          : db.prepare(`SELECT * FROM ${t.table} WHERE ? = 0 AND ts >= ? AND ts <= ?`);
        const del = t.entity
          ? db.prepare(`DELETE FROM ${t.table} WHERE ${t.entity} = ? AND ts = ?`)
          : db.prepare(`DELETE FROM ${t.table} WHERE ? = 0 AND ts = ?`);
        const cols = [...t.gauges, ...(t.maxGauges ?? []), ...t.deltas];
        const ins = db.prepare(
          `INSERT INTO ${t.table} (${t.entity ? `${t.entity}, ` : ''}ts, ${cols.join(', ')}) VALUES (${t.entity ? '?, ' : ''}?, ${cols.map(() => '?').join(', ')})`,
        );
        for (const id of ids) {
          const rows = (select.all(id, lo, hi) as Row[]).filter(
            (r) =>
              intervals.has(r['ts'] as number) && totals.has(Math.ceil((r['ts'] as number) / HOUR) * HOUR),
          );
          if (!rows.length) continue;
          const folded = fold(rows, t, intervals, totals);
          for (const r of rows) del.run(id, r['ts']);
          for (const [b, row] of folded)
            ins.run(...(t.entity ? [id] : []), b, ...cols.map((c) => row[c] ?? null));
        }
      }
      const delSample = db.prepare('DELETE FROM sample WHERE ts = ?');
      for (const ts of rawTs) delSample.run(ts);
      const insSample = db.prepare('INSERT INTO sample (ts, interval_s, resolution) VALUES (?, ?, 3600)');
      for (const [b, total] of totals) insSample.run(b, total);
      raw += rawTs.length;
      hourly += totals.size;
    }).immediate();
  }
  return { rawSamples: raw, hourlyRows: hourly };
}
