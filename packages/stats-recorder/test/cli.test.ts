// The built CLI as a real process, on this machine's /proc.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtBin, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xentopText } from './xentop-gen.js';

const bin = builtBin('stats-recorder', 'cli.js');
let dir: TempDir;
const env = { TZ: 'UTC' };

beforeAll(() => {
  dir = makeTempDir('stats-cli-');
});
afterAll(() => dir.remove());

describe('stats-recorder CLI', () => {
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

    const check = await runNode(bin, ['check', '--db', db], { env });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/integrity: ok/);
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

  it('explains bad usage with exit 2', async () => {
    const r = await runNode(bin, ['report', '--db', dir.join('cli.db'), '--from', 'last tuesday'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from: cannot read "last tuesday" as a time/);
    const m = await runNode(bin, ['report', '--db', dir.join('nope.db')], { env });
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/nope\.db: no such database/);
  });
});
