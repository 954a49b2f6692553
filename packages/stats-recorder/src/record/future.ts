// Samples stamped in the future: the clock was ahead when they were written and has been set back.
// Recording would otherwise skip silently ("not older") until real time passed the newest stamp.
import { OpskitError } from '@opskit/core';
import type { StatsDb } from '../db/open.js';

const iso = (s: number) => new Date(s * 1000).toISOString();

/**
 * How far (seconds) the newest sample may be ahead of the clock for a recorder run every
 * `intervalMs`: up to one interval (at least 120 s) is a duplicate run, further the clock jumped back.
 */
export function futureToleranceS(intervalMs: number): number {
  return Math.max(120, Math.ceil(intervalMs / 1000));
}

/** The newest sample is further ahead of the clock than the tolerance. Exit 1. */
export class ClockBehindError extends OpskitError {
  constructor(
    readonly lastTs: number,
    readonly nowTs: number,
    readonly futureSamples: number,
  ) {
    super(
      'E_CLOCK',
      `the newest sample (${iso(lastTs)}) is ${lastTs - nowTs} s ahead of the clock (${iso(nowTs)}): ` +
        `was the clock set back? ${futureSamples} sample(s) are stamped in the future; nothing was recorded`,
      {
        hint:
          'if the clock is wrong, fix it (NTP); if it is right now, run "stats-recorder record --discard-future" ' +
          'once: it deletes the samples stamped after now and recording goes on with new series',
      },
    );
  }
}

/** Deletes every sample stamped after `ts` (all tables, raw counters included); returns how many. */
export function discardSamplesAfter(db: StatsDb, ts: number): number {
  for (const table of [
    'host_sample',
    'net_sample',
    'disk_sample',
    'guest_sample',
    'series_break',
    'counter_state',
  ])
    db.prepare(`DELETE FROM ${table} WHERE ts > ?`).run(ts);
  return db.prepare('DELETE FROM sample WHERE ts > ?').run(ts).changes;
}

export function countSamplesAfter(db: StatsDb, ts: number): number {
  return (db.prepare('SELECT count(*) AS n FROM sample WHERE ts > ?').get(ts) as { n: number }).n;
}
