// What import-sar must not mix in: history of another host, and sar records for a time the recorder
// already covers (two sources for one period would count it twice in averages and charts).
import { OpskitError } from '@opskit/core';
import type { StatsDb } from '../db/open.js';
import { hostname } from '../report/query.js';

/** "dom0a" and "dom0a.example.org" name the same machine; case does not matter. */
export function sameHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.split('.')[0] === y.split('.')[0];
}

/** The sysstat file was written on another host than the one this database records. Exit 2. */
export class HostMismatchError extends OpskitError {
  override readonly exitCode: number = 2;
  constructor(file: string, fileHost: string, otherHost: string, other = 'this database records') {
    super('E_SAR_HOST', `${file}: sysstat data of host "${fileHost}", but ${other} "${otherHost}"`, {
      hint: 'nothing was imported; use the database of that host, or --force to import it anyway',
    });
  }
}

/** Throws HostMismatchError unless the data's host is the database's (or either is unknown, or force). */
export function checkSarHost(db: StatsDb, fileHost: string | undefined, file: string, force = false): void {
  const dbHost = hostname(db);
  if (force || fileHost === undefined || dbHost === undefined) return;
  if (!sameHost(fileHost, dbHost)) throw new HostMismatchError(file, fileHost, dbHost);
}

/** First start and last end of what the recorder itself wrote (imported samples excluded). */
export interface Span {
  from: number;
  to: number;
}

export function recorderSpan(db: StatsDb): Span | undefined {
  const r = db
    .prepare(
      'SELECT min(ts - coalesce(interval_s, 0)) AS "from", max(ts) AS "to" FROM sample WHERE source = 0',
    )
    .get() as { from: number | null; to: number | null };
  return r.from === null || r.to === null ? undefined : { from: r.from, to: r.to };
}

/** A sar record covers (ts - interval, ts]; the recorder covers [span.from, span.to]. */
export function insideSpan(span: Span | undefined, ts: number, intervalS: number): boolean {
  return span !== undefined && ts > span.from && ts - intervalS < span.to;
}
