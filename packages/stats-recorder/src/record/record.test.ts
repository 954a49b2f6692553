// Guest restarts seen through the domain id: xentop has none, xl list in the same run gives it.
import { readFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostSnapshot, T0 } from '../../test/helpers.js';
import { attachDomids } from '../collect/guests.js';
import { type GuestSnapshot, parseXentopBatch, parseXlGuests } from '../collect/xentop.js';
import { openStatsDb, type StatsDb } from '../db/open.js';
import { writeSample } from './record.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
const withIds = (xentop: string, xl: string) =>
  attachDomids(parseXentopBatch(fixture(xentop)), parseXlGuests(fixture(xl)));

let dir: TempDir;
let db: StatsDb;
beforeEach(() => {
  dir = makeTempDir('stats-record-');
  db = openStatsDb(dir.join('r.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

const host = hostSnapshot({ user: 1, system: 1, iowait: 0, steal: 0, idle: 1, rx: 1 });
const sample = (ts: number, guests: GuestSnapshot[]) =>
  writeSample(db, { now: ts * 1000, host, bootId: 'b1', guests, minGapS: 300 });
const cpu = (name: string, ts: number) =>
  db
    .prepare('SELECT cpu_ds FROM guest_sample JOIN entity ON id = guest WHERE name = ? AND ts = ?')
    .pluck()
    .get(name, ts);

describe('a guest restarted between two samples', () => {
  it('starts a new series when xl list shows a new domain id, though its counters went up', () => {
    sample(T0, withIds('xentop-b-i2.txt', 'xl-list-i2.txt'));
    const r = sample(T0 + 600, withIds('xentop-b-restarted.txt', 'xl-list-restarted.txt'));
    expect(r.resets).toEqual([{ key: 'guest:web01-prod', reason: 'restarted (3 -> 9)' }]);
    expect(cpu('web01-prod', T0 + 600)).toBeNull();
    expect(cpu('db-main1', T0 + 600)).toBe(1780); // the others go on: 5301 s - 5123 s
  });

  it('remembers the domain id through a sample without one, so the restart still shows', () => {
    sample(T0, withIds('xentop-b-i2.txt', 'xl-list-i2.txt'));
    const noIds = parseXentopBatch(fixture('xentop-b-i2.txt')); // xl list failed in this run
    expect(sample(T0 + 600, noIds).resets).toEqual([]);
    const r = sample(T0 + 1200, withIds('xentop-b-restarted.txt', 'xl-list-restarted.txt'));
    expect(r.resets).toEqual([{ key: 'guest:web01-prod', reason: 'restarted (3 -> 9)' }]);
  });
});
