// A sample stamped in the future (the clock was ahead, then set back) must not stop recording silently.
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guest, hostSnapshot, T0 } from '../../test/helpers.js';
import { openStatsDb, type StatsDb } from '../db/open.js';
import { ClockBehindError } from './future.js';
import { writeSample } from './record.js';

let dir: TempDir;
let db: StatsDb;
beforeEach(() => {
  dir = makeTempDir('stats-future-');
  db = openStatsDb(dir.join('f.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const host = (k: number) =>
  hostSnapshot({ user: 100 * k, system: 50 * k, iowait: 0, steal: 0, idle: 1000 * k, rx: 5000 * k });
const sample = (ts: number, k: number, extra: object = {}) =>
  writeSample(db, {
    now: ts * 1000,
    host: host(k),
    bootId: 'b1',
    guests: [guest('web01', 10 * k)],
    minGapS: 300,
    futureToleranceS: 600,
    ...extra,
  });
const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('a sample stamped in the future', () => {
  it('within the tolerance is skipped as a duplicate run, without an error', () => {
    expect(sample(T0, 1).recorded).toBe(true);
    const r = sample(T0 - 200, 2);
    expect(r).toMatchObject({ recorded: false, skipped: expect.stringMatching(/not older than this one/) });
  });

  it('further ahead than the tolerance fails with a clock error and writes nothing', () => {
    sample(T0, 1);
    sample(T0 + 600, 2);
    sample(T0 + 1200, 3); // written while the clock was an hour ahead
    const before = n('SELECT count(*) AS n FROM guest_sample');
    const err = (() => {
      try {
        sample(T0 + 1200 - 3600, 4);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ClockBehindError);
    expect((err as ClockBehindError).exitCode).toBe(1);
    expect((err as Error).message).toMatch(
      /newest sample \(2026-11-20T00:20:00.000Z\) is 3600 s ahead of the clock \(2026-11-19T23:20:00.000Z\): was the clock set back\? 3 sample\(s\) are stamped in the future/,
    );
    expect((err as ClockBehindError).hint).toMatch(/--discard-future/);
    expect(n('SELECT count(*) AS n FROM guest_sample')).toBe(before);
  });

  it('with discardFuture deletes the future samples and records, starting new series', () => {
    sample(T0, 1);
    sample(T0 + 3000, 2);
    sample(T0 + 3600, 3);
    const r = sample(T0 + 600, 4, { discardFuture: true });
    expect(r).toMatchObject({ recorded: true, discarded: 2, intervalS: 600 });
    expect(r.resets.map((x) => x.key)).toEqual(['host', 'iface:eth0', 'disk:xvda', 'guest:web01']);
    expect(r.resets[0]!.reason).toBe('clock set back: 2 sample(s) stamped after this one discarded');
    expect(db.prepare('SELECT ts FROM sample ORDER BY ts').pluck().all()).toEqual([T0, T0 + 600]);
    for (const t of ['host_sample', 'guest_sample', 'net_sample', 'disk_sample', 'counter_state'])
      expect(n(`SELECT count(*) AS n FROM ${t} WHERE ts > ${T0 + 600}`)).toBe(0);
    // The series goes on normally from there.
    const next = sample(T0 + 1200, 5);
    expect(next).toMatchObject({ recorded: true, resets: [] });
    expect(
      db
        .prepare('SELECT cpu_ds FROM guest_sample WHERE ts = ?')
        .pluck()
        .get(T0 + 1200),
    ).toBe(10);
  });
});
