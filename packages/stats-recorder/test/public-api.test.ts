// Using the package the way a user would: through its public entry only.

import {
  attachDomids,
  buildReport,
  ClockBehindError,
  DatabaseBusyError,
  ForeignDatabaseError,
  HostMismatchError,
  openStatsDb,
  parseXentopBatch,
  readHostSnapshot,
  renderReportText,
  SCHEMA_VERSION,
  writeSample,
} from '@opskit/stats-recorder';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, expect, it } from 'vitest';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('stats-api-');
});
afterEach(() => dir.remove());

it('records this host and parsed xentop output, then reports them', () => {
  const db = openStatsDb(dir.join('api.db'));
  const xentop = (cpu: number) =>
    '      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID\n' +
    `     web01 --b---  ${cpu}    0.0    2097152    6.2    2098176       6.3     2    1     1523    20481    1        0     3301     1877     120034      88210    0\n`;
  const t = Date.UTC(2026, 5, 1) / 1000;
  writeSample(db, {
    now: t * 1000,
    host: readHostSnapshot(),
    bootId: 'b',
    guests: parseXentopBatch(xentop(100)),
    minGapS: 300,
  });
  writeSample(db, {
    now: (t + 600) * 1000,
    host: readHostSnapshot(),
    bootId: 'b',
    guests: parseXentopBatch(xentop(160)),
    minGapS: 300,
  });
  const report = buildReport(db, { range: { from: t - 1, to: t + 600 }, guest: 'web01' });
  expect(report.guests[0]!.rows.map((r) => r.values['cpu'])).toEqual([null, 10]);
  expect(renderReportText(report)).toContain('guest web01');
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  db.close();
  expect(ForeignDatabaseError).toBeTypeOf('function');
});

it('exports the errors callers branch on and the xentop/xl join', () => {
  expect(new ClockBehindError(200, 100, 1).code).toBe('E_CLOCK');
  expect(new DatabaseBusyError('x.db', 1000, undefined).code).toBe('E_DB_BUSY');
  expect(new HostMismatchError('sa1', 'a', 'b').exitCode).toBe(2);
  const guests = parseXentopBatch(
    '      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID\n' +
      '     web01 --b---  100    0.0    2097152    6.2    2098176       6.3     2    1     1523    20481    1        0     3301     1877     120034      88210    0\n',
  );
  expect(attachDomids(guests, [{ ...guests[0]!, domid: 7 }])[0]!.domid).toBe(7);
});
