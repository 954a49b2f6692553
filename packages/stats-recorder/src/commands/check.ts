// `stats-recorder check`: integrity and a summary of what the database holds.
import { statSync } from 'node:fs';
import { schemaVersion, withStatsDb } from '../db/open.js';
import { EntityKind } from '../db/schema.js';

export interface CheckResult {
  path: string;
  ok: boolean;
  integrity: string[];
  schemaVersion: number;
  samples: number;
  hourlySamples: number;
  guests: number;
  first: string | null;
  last: string | null;
  lastAgeS: number | null;
  /** Set when --max-age was given and the newest sample is older (or there is none). */
  stale: boolean;
  /**
   * Set when --max-age was given and the newest sample is stamped further ahead of the clock than
   * `record` tolerates (E_CLOCK): the clock is wrong, and the next record will fail.
   */
  future: boolean;
  sizeBytes: number;
}

export interface CheckOptions {
  db: string;
  quick: boolean;
  now: number;
  maxAgeS?: number;
  /** Seconds the newest sample may be ahead of now before `future` is set (default 600, record's for 10m). */
  futureToleranceS?: number;
}

export function runCheck(o: CheckOptions): CheckResult {
  return withStatsDb(o.db, { readonly: true }, (db) => {
    const integrity = (
      db.pragma(o.quick ? 'quick_check' : 'integrity_check') as Record<string, string>[]
    ).map((r) => Object.values(r)[0] ?? '');
    const s = db
      .prepare(
        'SELECT count(*) AS n, sum(resolution > 0) AS h, min(ts) AS first, max(ts) AS last FROM sample',
      )
      .get() as { n: number; h: number | null; first: number | null; last: number | null };
    const guests = (
      db.prepare('SELECT count(*) AS n FROM entity WHERE kind = ?').get(EntityKind.guest) as { n: number }
    ).n;
    const lastAgeS = s.last === null ? null : Math.floor(o.now / 1000) - s.last;
    const stale = o.maxAgeS !== undefined && (lastAgeS === null || lastAgeS > o.maxAgeS);
    const future = o.maxAgeS !== undefined && lastAgeS !== null && -lastAgeS > (o.futureToleranceS ?? 600);
    const iso = (t: number | null) => (t === null ? null : new Date(t * 1000).toISOString());
    return {
      path: o.db,
      ok: integrity.length === 1 && integrity[0] === 'ok' && !stale && !future,
      integrity,
      schemaVersion: schemaVersion(db),
      samples: s.n,
      hourlySamples: s.h ?? 0,
      guests,
      first: iso(s.first),
      last: iso(s.last),
      lastAgeS,
      stale,
      future,
      sizeBytes: statSync(o.db).size,
    };
  });
}
