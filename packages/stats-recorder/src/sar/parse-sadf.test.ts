import { readFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStatsDb, type StatsDb } from '../db/open.js';
import { buildReport } from '../report/build.js';
import { importSadf } from './import.js';
import { parseSadf, parseSadfTime } from './parse-sadf.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
const T = Date.UTC(2026, 10, 20, 0, 10, 1) / 1000;

describe('parseSadf', () => {
  it('merges the activity sections of sadf -d by timestamp', () => {
    const d = parseSadf(fixture('sadf-d.txt'));
    expect(d.hostname).toBe('dom0a');
    expect(d.restarts).toEqual([T - 600]);
    expect(d.records.map((r) => r.ts)).toEqual([T, T + 600, T + 1200]);
    const r = d.records[1]!;
    expect(r.intervalS).toBe(600);
    expect(r.host.get('%user')).toBe(30);
    expect(r.host.get('ldavg-1')).toBe(2.5);
    expect(r.host.get('pswpout/s')).toBe(40);
    expect(r.ifaces.get('eth0')?.get('rxkB/s')).toBe(360);
    expect(r.disks.get('dev8-0')?.get('rkB/s')).toBe(400);
  });

  it('reads epoch timestamps (sadf -U) and old column names', () => {
    expect(parseSadfTime('1795571086')).toBe(1795571086);
    const d = parseSadf(fixture('sadf-d-old.txt'));
    expect(d.records[0]!.disks.get('dev8-16')?.get('wr_sec/s')).toBe(4);
  });

  it('names the file and line of a bad record', () => {
    expect(() =>
      parseSadf('# hostname;interval;timestamp;CPU;%user\nh;600;yesterday;-1;5\n', 'x.csv'),
    ).toThrow('x.csv:2: cannot read the timestamp "yesterday"');
    expect(() =>
      parseSadf('# hostname;interval;timestamp;CPU;%user\nh;600;2026-01-01 00:00:00 UTC;-1\n', 'x.csv'),
    ).toThrow('x.csv:2: expected 5 fields as in the header, found 4');
  });
});

describe('importSadf', () => {
  let dir: TempDir;
  let db: StatsDb;
  beforeEach(() => {
    dir = makeTempDir('stats-sar-');
    db = openStatsDb(dir.join('s.db'));
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  it('stores sar rates so reports show them unchanged, and skips samples already present', () => {
    const data = parseSadf(fixture('sadf-d.txt'));
    expect(importSadf(db, data)).toMatchObject({
      host: 'dom0a',
      imported: 3,
      skipped: 0,
      ifaces: 2,
      disks: 1,
    });
    expect(importSadf(db, data)).toMatchObject({ imported: 0, skipped: 3 });
    const r = buildReport(db, { range: { from: T - 1, to: T + 1200 } });
    expect(r.host.rows.map((x) => x.values['user'])).toEqual([10, 30, 20]);
    expect(r.host.rows.map((x) => x.values['load1'])).toEqual([0.5, 2.5, 1]);
    expect(r.host.rows.map((x) => x.values['memused'])).toEqual([25, 37.5, 31.25]);
    expect(r.host.rows.map((x) => x.values['swpused'])).toEqual([0, 10, 10]);
    expect(r.host.summary['pswpout']?.max).toBe(40);
    const eth0 = r.ifaces.find((i) => i.name === 'eth0')!;
    expect(eth0.rows.map((x) => x.values['rxkB'])).toEqual([120, 360, 240]);
    expect(r.disks[0]!.rows.map((x) => x.values['wkB'])).toEqual([80, 80, 200]);
  });
});
