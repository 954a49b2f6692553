import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guest, hostSnapshot } from '../test/helpers.js';
import { openStatsDb, type StatsDb } from './db/open.js';
import { writeSample } from './record/record.js';
import { buildReport } from './report/build.js';
import { downsampleBefore, pruneBefore } from './retention.js';

const DAY0 = Date.UTC(2026, 9, 1) / 1000;
let dir: TempDir;
let db: StatsDb;

// Three days of 10-minute samples; guest "g" uses 10 % CPU, except 40 % in the 01:00-02:00 hour
// of each day; guest "gone" exists on day 1 only.
beforeEach(() => {
  dir = makeTempDir('stats-retention-');
  db = openStatsDb(dir.join('r.db'));
  let cpu = 0;
  let user = 0;
  for (let i = 0; i <= 3 * 144; i++) {
    const ts = DAY0 + i * 600;
    const hour = Math.floor(((ts - 1) % 86400) / 3600);
    if (i > 0) cpu += hour === 1 ? 2400 : 600;
    user += 600;
    writeSample(db, {
      now: ts * 1000,
      host: hostSnapshot({ user, system: 0, iowait: 0, steal: 0, idle: user * 4, rx: 0 }),
      bootId: 'b',
      guests: i < 144 ? [guest('g', cpu), guest('gone', 0)] : [guest('g', cpu)],
      minGapS: 300,
    });
  }
});
afterEach(() => {
  db.close();
  dir.remove();
});

const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('retention', () => {
  it('deletes everything at or before the cutoff and guests with no data left', () => {
    const r = pruneBefore(db, DAY0 + 86400);
    expect(r.deletedSamples).toBe(145);
    expect(r.deletedGuests).toBe(1);
    expect(count('SELECT min(ts) AS n FROM sample')).toBe(DAY0 + 86400 + 600);
    expect(count('SELECT count(*) AS n FROM guest_sample')).toBe(2 * 144);
    expect(count("SELECT count(*) AS n FROM entity WHERE name = 'gone'")).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('folds old raw samples into hourly rows that report the same averages', () => {
    const range = { from: DAY0, to: DAY0 + 2 * 86400 };
    const before = buildReport(db, { range, guest: 'g' }).guests[0]!.summary['cpu']!;
    const hostBefore = buildReport(db, { range }).host.summary['user']!;
    const r = downsampleBefore(db, DAY0 + 2 * 86400);
    expect(r).toEqual({ rawSamples: 289, hourlyRows: 49 }); // the first sample (00:00) is its own bucket
    expect(count('SELECT count(*) AS n FROM sample WHERE resolution = 3600')).toBe(49);
    const after = buildReport(db, { range, guest: 'g' }).guests[0]!;
    expect(after.rows).toHaveLength(48);
    expect(after.summary['cpu']!.avg).toBeCloseTo(before.avg!, 6);
    expect(after.summary['cpu']!.max).toBeCloseTo(40, 6);
    expect(buildReport(db, { range }).host.summary['user']!.avg).toBeCloseTo(hostBefore.avg!, 6);
    // Newer raw samples are untouched, and a second run has nothing left to fold.
    expect(count(`SELECT count(*) AS n FROM sample WHERE resolution = 0`)).toBe(144);
    expect(downsampleBefore(db, DAY0 + 2 * 86400)).toEqual({ rawSamples: 0, hourlyRows: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
