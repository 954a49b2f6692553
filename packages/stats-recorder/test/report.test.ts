import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildReport,
  openStatsDb,
  renderCsv,
  renderOpenMetricsHistory,
  renderReportText,
  reportToJson,
  type StatsDb,
  writeCsv,
  writeOpenMetrics,
  writeSample,
} from '../src/index.js';
import { guest, hostSnapshot, T0 } from './helpers.js';

// Five samples 600 s apart. Per interval the host uses 6000 ticks: user 600 (10 %), system 300,
// iowait 60, steal 40, idle 5000 - except interval 2 where user is 1200 and idle 4400 (20 %).
// Guest "web" uses 60 s of CPU per interval (10 %), 120 s in interval 3 (20 %).
// Guest "db" uses 300 s (50 %) and restarts before sample 4 (its counter goes backwards).
let dir: TempDir;
let db: StatsDb;

function record(): void {
  const user = [0, 600, 1800, 2400, 3000];
  const idle = [0, 5000, 9400, 14400, 19400];
  const web = [0, 600, 1200, 2400, 3000];
  const dbCpu = [0, 3000, 6000, 100, 3100];
  for (let i = 0; i < 5; i++) {
    writeSample(db, {
      now: (T0 + i * 600) * 1000,
      host: hostSnapshot({
        user: user[i]!,
        system: 300 * i,
        iowait: 60 * i,
        steal: 40 * i,
        idle: idle[i]!,
        rx: 1024 * 600 * i * 10,
        load1: i,
      }),
      bootId: 'boot-a',
      guests: [guest('web', web[i]!, 60 * i, 600 * i), guest('db', dbCpu[i]!, 600 * i, 0)],
      minGapS: 300,
    });
  }
}

beforeEach(() => {
  dir = makeTempDir('stats-report-');
  db = openStatsDb(dir.join('s.db'));
  record();
});
afterEach(() => {
  db.close();
  dir.remove();
});

const range = { from: T0 - 1, to: T0 + 3000 };

describe('report on known data', () => {
  it('computes host CPU shares, averages, maxima and 95th percentiles', () => {
    const r = buildReport(db, { range });
    expect(r.samples).toBe(5);
    const user = r.host.rows.map((x) => x.values['user']);
    expect(user).toEqual([null, 10, 20, 10, 10]);
    expect(r.host.summary['user']).toEqual({ avg: 12.5, max: 20, p95: 20, n: 4 });
    expect(r.host.summary['load1']).toEqual({ avg: 2, max: 4, p95: 4, n: 5 });
    expect(r.host.summary['memused']?.avg).toBe(75);
    expect(r.ifaces[0]?.summary['rxkB']?.avg).toBe(10);
  });

  it('reports a guest sample by sample and leaves the restart sample unknown', () => {
    const r = buildReport(db, { range, guest: 'db' });
    expect(r.guests[0]!.rows.map((x) => x.values['cpu'])).toEqual([null, 50, 50, null, 50]);
    const breaks = db.prepare('SELECT key, ts, reason FROM series_break').all();
    expect(breaks).toEqual([{ key: 'guest:db', ts: T0 + 1800, reason: 'counter went backwards: cpuDs' }]);
    const web = buildReport(db, { range, guest: 'web' }).guests[0]!;
    expect(web.summary['cpu']).toEqual({ avg: 12.5, max: 20, p95: 20, n: 4 });
    expect(web.summary['rkB']?.avg).toBe(4);
  });

  it('ranks guests by cpu, net and io', () => {
    const cpu = buildReport(db, { range, top: 2, by: 'cpu' }).top!;
    expect(cpu.guests).toEqual([
      { name: 'db', avg: 50, max: 50, p95: 50 },
      { name: 'web', avg: 12.5, max: 20, p95: 20 },
    ]);
    const net = buildReport(db, { range, top: 1, by: 'net' }).top!;
    expect(net.guests.map((g) => [g.name, g.avg])).toEqual([['db', 2]]);
    const io = buildReport(db, { range, top: 1, by: 'io' }).top!;
    expect(io.guests.map((g) => [g.name, g.avg])).toEqual([['web', 2]]);
  });

  it('renders sar-like text with Average, Maximum and 95th pct lines', () => {
    const text = renderReportText(buildReport(db, { range }));
    expect(text).toContain('%user');
    expect(text).toMatch(/Average:\s+12\.50\s+5\.00\s+1\.00\s+0\.67\s+80\.83/);
    expect(text).toMatch(/Maximum:\s+20\.00/);
    expect(text).toMatch(/GUEST\s+stat\s+%cpu/);
    expect(text).toMatch(/db\s+Average\s+50\.00/);
  });

  it('exports CSV, JSON and timestamped OpenMetrics', () => {
    const r = buildReport(db, { range });
    const csv = renderCsv(r, 'guest').split('\r\n');
    expect(csv[0]).toBe('time,epoch,guest,interval_s,%cpu,memMiB,rxkB/s,txkB/s,rd/s,wr/s,rkB/s,wkB/s');
    expect(csv).toContain(`2026-11-20T00:10:00.000Z,${T0 + 600},web,600,10,2048,0.1,0.1,1,1,4,4`);
    const json = reportToJson(r) as { guests: { name: string; rows: { cpu: number | null }[] }[] };
    expect(json.guests.find((g) => g.name === 'db')!.rows.map((x) => x.cpu)).toEqual([
      null,
      50,
      50,
      null,
      50,
    ]);
    const om = renderOpenMetricsHistory(r);
    expect(om).toContain('# TYPE stats_recorder_guest_cpu_percent gauge');
    expect(om).toContain(
      `stats_recorder_guest_cpu_percent{host="${r.hostname ?? 'localhost'}",guest="web"} 20 ${T0 + 1800}`,
    );
    expect(om.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('skips a sample closer to the previous one than the minimum gap', () => {
    const r = writeSample(db, {
      now: (T0 + 2400 + 10) * 1000,
      host: hostSnapshot({ user: 1, system: 1, iowait: 1, steal: 1, idle: 1, rx: 1 }),
      bootId: 'boot-a',
      guests: [],
      minGapS: 300,
    });
    expect(r.recorded).toBe(false);
    expect(r.skipped).toMatch(/only 10 s old/);
    const same = writeSample(db, {
      now: (T0 + 2400) * 1000,
      host: hostSnapshot({ user: 1, system: 1, iowait: 1, steal: 1, idle: 1, rx: 1 }),
      bootId: 'boot-a',
      guests: [],
      minGapS: 0,
    });
    expect(same.skipped).toMatch(/is not older than this one/);
    expect((db.prepare('SELECT count(*) AS n FROM sample').get() as { n: number }).n).toBe(5);
  });

  it('starts new series after a silence longer than the maximum gap, instead of one days-long average', () => {
    const r = writeSample(db, {
      now: (T0 + 2400 + 7200) * 1000,
      host: hostSnapshot({
        user: 9000,
        system: 1500,
        iowait: 300,
        steal: 200,
        idle: 90000,
        rx: 1024 * 600 * 80,
      }),
      bootId: 'boot-a',
      guests: [guest('web', 9000, 600, 6000), guest('web', 1, 1, 1)],
      minGapS: 300,
      maxGapS: 1800,
    });
    expect(r.recorded).toBe(true);
    expect(r.resets.map((x) => x.key)).toEqual(['host', 'iface:eth0', 'disk:xvda', 'guest:web']);
    expect(r.resets[0]!.reason).toBe('7200 s since the previous sample');
    expect(r.warnings).toEqual([
      'guest name "web" appears twice (truncated names? xentop needs -f); kept the first',
    ]);
    const rep = buildReport(db, { range: { from: T0 + 2400, to: T0 + 9600 }, guest: 'web' });
    expect(rep.guests[0]!.rows.map((x) => x.values['cpu'])).toEqual([null]);
  });

  it('streams the same CSV and OpenMetrics from the database as it renders from a built report', () => {
    const r = buildReport(db, { range });
    for (const section of ['host', 'iface', 'disk', 'guest'] as const) {
      let csv = '';
      writeCsv(db, range, section, (c) => {
        csv += c;
      });
      expect(csv).toBe(renderCsv(r, section));
    }
    const chunks: string[] = [];
    writeOpenMetrics(db, range, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(renderOpenMetricsHistory(r));
  });
});
