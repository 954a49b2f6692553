// import-sar must not mix another host's history in, nor a second source for a recorded period.
import { readFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostSnapshot, T0 } from '../../test/helpers.js';
import { openStatsDb, type StatsDb } from '../db/open.js';
import { writeSample } from '../record/record.js';
import { HostMismatchError, sameHost } from './guard.js';
import { importSadf } from './import.js';
import { parseSadf } from './parse-sadf.js';

const sadf = parseSadf(
  readFileSync(new URL('../../test/fixtures/sadf-d.txt', import.meta.url), 'utf8'),
  'sa20',
); // host dom0a, records ending 00:10:01, 00:20:01, 00:30:01 UTC on 2026-11-20, 600 s each

let dir: TempDir;
let db: StatsDb;
beforeEach(() => {
  dir = makeTempDir('stats-guard-');
  db = openStatsDb(dir.join('g.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const record = (ts: number, host: string) =>
  writeSample(db, {
    now: ts * 1000,
    host: hostSnapshot({ user: ts, system: 1, iowait: 0, steal: 0, idle: 1, rx: 1 }),
    bootId: 'b',
    guests: [],
    minGapS: 300,
    hostname: host,
  });
const samples = () => db.prepare('SELECT count(*) FROM sample').pluck().get();

describe('import-sar guards', () => {
  it('refuses sysstat data of another host and imports nothing', () => {
    record(T0 - 86400, 'dom0b');
    const err = (() => {
      try {
        importSadf(db, sadf, { file: 'sa20' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(HostMismatchError);
    expect((err as HostMismatchError).exitCode).toBe(2);
    expect((err as Error).message).toBe(
      'sa20: sysstat data of host "dom0a", but this database records "dom0b"',
    );
    expect((err as HostMismatchError).hint).toMatch(/--force/);
    expect(samples()).toBe(1);
  });

  it('imports another host with force, and the same host under its full name without', () => {
    record(T0 - 86400, 'dom0b');
    expect(importSadf(db, sadf, { force: true })).toMatchObject({ imported: 3 });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'hostname'").pluck().get()).toBe('dom0b');
    expect(sameHost('DOM0A.example.org', 'dom0a')).toBe(true);
    expect(sameHost('dom0a', 'dom0ab')).toBe(false);
  });

  it('keeps the host of the first import, so a second host is refused', () => {
    importSadf(db, sadf);
    const other = { ...sadf, hostname: 'elsewhere' };
    expect(() => importSadf(db, other, { file: 'sa21' })).toThrow(
      'sa21: sysstat data of host "elsewhere", but this database records "dom0a"',
    );
  });

  it('skips sar records inside the span the recorder covers and says so', () => {
    record(T0, 'dom0a.example.org'); // 00:00:00
    record(T0 + 600, 'dom0a.example.org'); // 00:10:00
    const r = importSadf(db, sadf);
    // 00:10:01 covers 00:00:01-00:10:01, inside the recorder's 00:00:00-00:10:00; the others are after it.
    expect(r).toMatchObject({
      imported: 2,
      skipped: 0,
      overlapping: 1,
      recorderSpan: { from: T0, to: T0 + 600 },
    });
    expect(db.prepare('SELECT ts FROM sample WHERE source = 1 ORDER BY ts').pluck().all()).toEqual([
      T0 + 1201,
      T0 + 1801,
    ]);
  });
});
