// The built CLI as a real process, on this machine's /proc.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { builtBin, makeTempDir, runNode, runProcess, type TempDir } from '@opskit/testkit';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xentopText } from './xentop-gen.js';

const bin = builtBin('stats-recorder', 'cli.js');
let dir: TempDir;
const env = { TZ: 'UTC' };

beforeAll(() => {
  dir = makeTempDir('stats-cli-');
});
afterAll(() => dir.remove());

describe('stats-recorder CLI', { timeout: 120_000 }, () => {
  it.each(['record', 'report', 'prune', 'import-sar', 'check'])('prints help for %s', async (cmd) => {
    const r = await runNode(bin, [cmd, '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`stats-recorder ${cmd}`);
    expect(r.stdout).toContain('--db');
  });

  it('records this host and guests from recorded xentop output, then reports them', async () => {
    const db = dir.join('cli.db');
    writeFileSync(dir.join('x1.txt'), xentopText(5, 1));
    writeFileSync(dir.join('x2.txt'), xentopText(5, 2));
    const a = await runNode(bin, ['record', '--db', db, '--xentop-file', dir.join('x1.txt')], { env });
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(
      /recorded sample .*: \d+ interfaces, \d+ disks, 5 guests \(file:.*\), first sample/,
    );
    await new Promise((res) => setTimeout(res, 1100));
    const b = await runNode(
      bin,
      ['record', '--db', db, '--xentop-file', dir.join('x2.txt'), '--interval', '1s', '--json'],
      {
        env,
      },
    );
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ recorded: true, guests: 5 });

    const rep = await runNode(bin, ['report', '--db', db, '--last', '1h', '--json'], { env });
    expect(rep.code).toBe(0);
    const j = JSON.parse(rep.stdout);
    expect(j.samples).toBe(2);
    expect(j.host.rows[1].user + j.host.rows[1].system + j.host.rows[1].idle).toBeGreaterThan(0);
    expect(j.ifaces.map((i: { name: string }) => i.name)).toContain('lo');
    // vm003 used 3 more CPU seconds in the interval between the two xentop readings.
    const vm3 = j.guests.find((g: { name: string }) => g.name === 'vm003');
    expect(vm3.rows[1].cpu).toBeCloseTo((3 * 100) / vm3.rows[1].interval_s, 3);

    const top = await runNode(bin, ['report', '--db', db, '--last', '1h', '--top', '2', '--by', 'net'], {
      env,
    });
    expect(top.stdout).toMatch(/top 2 guests by net/);
    expect(top.stdout).toMatch(/1\s+vm005/);

    // The guests' counters go backwards (x1 after x2: as after a restart): new series, no negative rates.
    await new Promise((res) => setTimeout(res, 1100));
    const c = await runNode(
      bin,
      ['record', '--db', db, '--xentop-file', dir.join('x1.txt'), '--interval', '1s'],
      { env },
    );
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/new series for guest:vm001: counter went backwards: cpuDs, netRxKib, netTxKib/);
    const after = JSON.parse(
      (await runNode(bin, ['report', '--db', db, '--last', '1h', '--guest', 'vm001', '--json'], { env }))
        .stdout,
    );
    expect(after.guests[0].rows.map((r: { cpu: number | null }) => r.cpu === null)).toEqual([
      true,
      false,
      true,
    ]);

    const check = await runNode(bin, ['check', '--db', db], { env });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/integrity: ok/);
    const fresh = await runNode(bin, ['check', '--db', db, '--max-age', '30m', '--quick'], { env });
    expect(fresh.code).toBe(0);
    await new Promise((res) => setTimeout(res, 2100));
    const stale = await runNode(bin, ['check', '--db', db, '--max-age', '1s'], { env });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/STALE: the newest sample is \d+ s old \(--max-age 1s\)/);
  });

  it("check --max-age fails when the newest sample is stamped in the future beyond record's tolerance", async () => {
    const db = dir.join('check-future.db');
    expect((await runNode(bin, ['record', '--db', db, '--guests', 'none'], { env })).code).toBe(0);
    const d = new Database(db);
    const ahead = d.prepare('INSERT INTO sample (ts, interval_s) VALUES (?, 600)');
    // Within the tolerance of a 10-minute recorder (one interval): an ordinary duplicate, no problem.
    ahead.run(Math.floor(Date.now() / 1000) + 300);
    const within = await runNode(bin, ['check', '--db', db, '--max-age', '30m', '--quick'], { env });
    expect(within.stdout).not.toMatch(/CLOCK/);
    expect(within.code).toBe(0);
    // Two hours ahead: the clock is wrong and the next record would fail with E_CLOCK.
    ahead.run(Math.floor(Date.now() / 1000) + 7200);
    d.close();
    const r = await runNode(bin, ['check', '--db', db, '--max-age', '30m', '--quick'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /CLOCK: the newest sample \(\S+\) is \d+ s ahead of the clock \(\S+, tolerance 600 s\): the clock is wrong/,
    );
    expect(r.stdout).not.toMatch(/STALE/);
    const json = await runNode(bin, ['check', '--db', db, '--max-age', '30m', '--json'], { env });
    expect(json.code).toBe(1);
    const j = JSON.parse(json.stdout) as { ok: boolean; future: boolean; stale: boolean; lastAgeS: number };
    expect(j).toMatchObject({ ok: false, future: true, stale: false });
    expect(j.lastAgeS).toBeLessThan(-7000);
    // A recorder run every 4 hours tolerates two hours ahead.
    const slow = await runNode(bin, ['check', '--db', db, '--max-age', '5h', '--interval', '4h'], { env });
    expect(slow.code).toBe(0);
  });

  it('refuses a foreign file with exit 2 and leaves it as it was', async () => {
    const p = dir.join('passwords.kdbx');
    writeFileSync(p, 'not sqlite at all');
    const before = createHash('sha256').update(readFileSync(p)).digest('hex');
    const r = await runNode(bin, ['record', '--db', p, '--guests', 'none'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /stats-recorder: error: .*passwords\.kdbx: not an SQLite database .*left untouched/,
    );
    expect(createHash('sha256').update(readFileSync(p)).digest('hex')).toBe(before);
  });

  it('fails loudly when the newest sample is stamped in the future, and --discard-future recovers', async () => {
    const db = dir.join('future.db');
    expect((await runNode(bin, ['record', '--db', db, '--guests', 'none'], { env })).code).toBe(0);
    // A sample written while the clock was two hours ahead.
    const d = new Database(db);
    d.prepare('INSERT INTO sample (ts, interval_s) VALUES (?, 600)').run(
      Math.floor(Date.now() / 1000) + 7200,
    );
    d.close();
    const r = await runNode(bin, ['record', '--db', db, '--guests', 'none'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newest sample \(.*\) is \d+ s ahead of the clock .*was the clock set back\?/);
    expect(r.stderr).toMatch(/--discard-future/);
    await new Promise((res) => setTimeout(res, 1100));
    const again = await runNode(
      bin,
      ['record', '--db', db, '--guests', 'none', '--interval', '1s', '--discard-future'],
      { env },
    );
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^discarded 1 samples stamped after now \(the clock was set back\)\n/);
    expect(again.stdout).toMatch(/recorded sample/);
  });

  it('sees a guest restart through the domain ids of xl list read beside xentop', async () => {
    const db = dir.join('restart.db');
    const fx = (n: string) => new URL(`./fixtures/${n}`, import.meta.url).pathname;
    const a = await runNode(
      bin,
      ['record', '--db', db, '--xentop-file', fx('xentop-b-i2.txt'), '--xl-file', fx('xl-list-i2.txt')],
      { env },
    );
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/4 guests \(file:.*xentop-b-i2\.txt \+ file:.*xl-list-i2\.txt\)/);
    await new Promise((res) => setTimeout(res, 1100));
    const b = await runNode(
      bin,
      [
        'record',
        '--db',
        db,
        '--xentop-file',
        fx('xentop-b-restarted.txt'),
        '--xl-file',
        fx('xl-list-restarted.txt'),
        '--interval',
        '1s',
      ],
      { env },
    );
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('new series for guest:web01-prod: restarted (3 -> 9)\n');
    expect(b.stdout).not.toMatch(/new series for guest:(db-main1|paused7|Domain-0)/);
  });

  it('explains bad usage with exit 2', async () => {
    const r = await runNode(bin, ['report', '--db', dir.join('cli.db'), '--from', 'last tuesday'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from: cannot read "last tuesday" as a time/);
    const one = await runNode(bin, ['report', '--db', dir.join('cli.db'), '--to', '1'], { env });
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/--to: cannot read "1" as a time/);
    expect(one.stderr).toMatch(/YYYY-MM-DD/);
    const m = await runNode(bin, ['report', '--db', dir.join('nope.db')], { env });
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/nope\.db: no such database/);
  });
});

describe('stats-recorder prune and import-sar as processes', { timeout: 120_000 }, () => {
  it('imports sadf -d text, reports it, then prunes it by age', async () => {
    const db = dir.join('sar.db');
    const fixture = new URL('./fixtures/sadf-d.txt', import.meta.url).pathname;
    const imp = await runNode(bin, ['import-sar', '--db', db, '--sadf-output', fixture], { env });
    expect(imp.stderr).toBe('');
    expect(imp.stdout).toBe('imported 3 samples (0 already present), 2 interfaces, 1 disks from dom0a\n');
    const rep = await runNode(
      bin,
      ['report', '--db', db, '--from', '2026-11-20', '--to', '2026-11-21', '--summary'],
      { env },
    );
    expect(rep.stdout).toMatch(/host\s+Average\s+20\.00\s+6\.67\s+2\.33\s+0\.33\s+70\.67/);
    const keepAll = await runNode(bin, ['prune', '--db', db, '--keep', '100000d', '--json'], { env });
    expect(JSON.parse(keepAll.stdout)).toMatchObject({ deletedSamples: 0 });
    const pr = await runNode(bin, ['prune', '--db', db, '--keep', '1d'], { env });
    expect(pr.code).toBe(0);
    expect(pr.stdout).toMatch(/^deleted 3 samples older than /);
    const bad = await runNode(bin, ['prune', '--db', db, '--keep', '7d', '--downsample-after', '30d'], {
      env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--downsample-after must be shorter than --keep/);
  });

  it('refuses to record into a database of another host unless --force', async () => {
    const db = dir.join('other-host.db');
    expect((await runNode(bin, ['record', '--db', db, '--guests', 'none'], { env })).code).toBe(0);
    const setHost = (h: string) => {
      const d = new Database(db);
      d.prepare("UPDATE meta SET value = ? WHERE key = 'hostname'").run(h);
      d.close();
    };
    const state = () => {
      const d = new Database(db, { readonly: true });
      const r = {
        host: (d.prepare("SELECT value FROM meta WHERE key = 'hostname'").get() as { value: string }).value,
        samples: (d.prepare('SELECT count(*) AS n FROM sample').get() as { n: number }).n,
      };
      d.close();
      return r;
    };
    // The same machine under its FQDN in another case is this host: recorded (or skipped as too soon).
    const fqdn = `${hostname().split('.')[0]!.toUpperCase()}.example.org`;
    setHost(fqdn);
    const same = await runNode(bin, ['record', '--db', db, '--guests', 'none'], { env });
    expect(same.stderr).toBe('');
    expect(same.code).toBe(0);
    setHost('dom0b.example.org');
    const before = state();
    const r = await runNode(bin, ['record', '--db', db, '--guests', 'none', '--interval', '1s'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `other-host.db: this database records host "dom0b.example.org", but this is host "${hostname()}"; nothing was recorded`,
    );
    expect(r.stderr).toMatch(/--force/);
    expect(r.stderr).toMatch(/different --db/);
    expect(state()).toEqual(before);
    await new Promise((res) => setTimeout(res, 1100));
    const forced = await runNode(
      bin,
      ['record', '--db', db, '--guests', 'none', '--interval', '1s', '--force'],
      { env },
    );
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/recorded sample/);
    expect(state()).toEqual({ host: hostname(), samples: before.samples + 1 });
  });

  it('refuses sar data of another host unless --force, and skips records the recorder already covers', async () => {
    const db = dir.join('sar-guard.db');
    const rec = await runNode(bin, ['record', '--db', db, '--guests', 'none', '--json'], { env });
    expect(rec.code).toBe(0);
    const at = (JSON.parse(rec.stdout) as { ts: number }).ts;
    const fixture = new URL('./fixtures/sadf-d.txt', import.meta.url).pathname;
    const other = await runNode(bin, ['import-sar', '--db', db, '--sadf-output', fixture], { env });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `sadf-d.txt: sysstat data of host "dom0a", but this database records "${hostname()}"`,
    );
    expect(other.stderr).toMatch(/--force/);
    // This host's own sar data, one record on each side of the recorded sample and one across it.
    const line = (ts: number) => `${hostname()};600;${ts};-1;10.00;0.00;5.00;2.00;1.00;82.00`;
    const own = dir.join('own.txt');
    writeFileSync(
      own,
      `# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle\n${[at - 600, at + 300, at + 900].map(line).join('\n')}\n`,
    );
    const imp = await runNode(bin, ['import-sar', '--db', db, '--sadf-output', own], { env });
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    const t = new Date(at * 1000).toISOString();
    expect(imp.stdout).toBe(
      `imported 2 samples (0 already present, 1 skipped inside the recorder's span ${t} to ${t}), 0 interfaces, 0 disks from ${hostname()}\n`,
    );
    const forced = await runNode(bin, ['import-sar', '--db', db, '--sadf-output', fixture, '--force'], {
      env,
    });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^imported 3 samples \(0 already present\)/);
  });

  it('imports sa data files through the real sadf when sysstat is installed, else says how to get it', async () => {
    const db = dir.join('sa.db');
    const sadc = ['/usr/lib/sysstat/sadc', '/usr/lib64/sa/sadc'].find((p) => existsSync(p));
    if (!sadc) {
      const r = await runNode(bin, ['import-sar', '--db', db, dir.join('sa01')], { env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/sadf is not installed \(install sysstat .*--sadf-output\)/);
      return;
    }
    const sa = dir.join('sa-real');
    const s = await runProcess(sadc, ['-S', 'DISK', '1', '3', sa]);
    expect(s.code).toBe(0);
    const r = await runNode(bin, ['import-sar', '--db', db, sa, '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).imported).toBeGreaterThanOrEqual(2);
  });
});
