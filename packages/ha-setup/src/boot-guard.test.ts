import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runProcess, type TempDir } from '@opskit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoNodeYaml } from '../test/fixtures.js';
import { renderBootGuard, renderBootGuardDropIn } from './boot-guard.js';
import { parseClusterSpec } from './spec.js';

// A boot list as `journalctl --list-boots` prints it (systemd 252: a header, then one line per boot).
function bootList(firstEntries: string[]): string {
  const lines = ['IDX BOOT ID                          FIRST ENTRY                 LAST ENTRY'];
  firstEntries.forEach((when, i) => {
    const idx = String(i - firstEntries.length + 1).padStart(3);
    const id = (i + 1).toString(16).padStart(32, 'a');
    lines.push(`${idx} ${id} ${when} UTC Wed 2026-11-25 23:59:00 UTC`);
  });
  return `${lines.join('\n')}\n`;
}

describe('the boot-loop guard script', () => {
  let tmp: TempDir;
  let script: string;
  const { spec } = parseClusterSpec(twoNodeYaml);

  beforeAll(() => {
    tmp = makeTempDir('ha-setup-guard-');
    script = tmp.join('ha-boot-guard');
    writeFileSync(script, renderBootGuard(spec));
    chmodSync(script, 0o755);
  });
  afterAll(() => tmp.remove());

  const guard = (boots: string[], extra: string[] = []) => {
    const list = tmp.join(`boots-${boots.length}-${extra.length}.txt`);
    writeFileSync(list, bootList(boots));
    return runProcess('/bin/sh', [
      script,
      '--boot-list',
      list,
      '--today',
      '2026-11-25',
      '--override-file',
      tmp.join('allow-start'),
      ...extra,
    ]);
  };
  const yesterday = ['Tue 2026-11-24 08:00:00', 'Tue 2026-11-24 09:00:00', 'Tue 2026-11-24 10:00:00'];
  const today = (n: number) => Array.from({ length: n }, (_, i) => `Wed 2026-11-25 0${i + 1}:00:00`);

  it('allows the start after 3 boots today (the limit)', async () => {
    const r = await guard([...yesterday, ...today(3)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 boot\(s\) on 2026-11-25 \(limit 3\): start allowed/);
  });

  it('refuses the start after 4 boots today, with exit 1 so systemd skips the unit', async () => {
    const r = await guard([...yesterday, ...today(4)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/booted 4 times on 2026-11-25 \(limit 3\): refusing to start the cluster stack/);
  });

  it('does not count boots of other days', async () => {
    const r = await guard([...yesterday, ...yesterday, ...today(1)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 boot\(s\)/);
  });

  it('lets an admin override the limit with the override file', async () => {
    writeFileSync(tmp.join('allow-start'), '');
    try {
      const r = await guard(today(9));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/exists: start allowed without counting/);
    } finally {
      rmSync(tmp.join('allow-start'));
    }
  });

  it('fails visibly (255) on an unreadable boot list or a bad option', async () => {
    const r = await runProcess('/bin/sh', [
      script,
      '--boot-list',
      tmp.join('missing'),
      '--override-file',
      tmp.join('x'),
    ]);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/cannot read boot list/);
    const bad = await runProcess('/bin/sh', [script, '--bogus']);
    expect(bad.code).toBe(255);
  });

  it('honours a different limit from the spec', async () => {
    const strict = renderBootGuard(parseClusterSpec(`${twoNodeYaml}bootGuard: { maxBootsPerDay: 1 }\n`).spec);
    expect(strict).toMatch(/^max=1$/m);
    const r = await guard(today(2), ['--max', '1']);
    expect(r.code).toBe(1);
  });

  it('reads journalctl --list-boots when no list is given, and allows with a warning without a persistent journal', async () => {
    const bin = tmp.join('bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(tmp.join('journal-boots.txt'), bootList(today(4)));
    // a stand-in journalctl on PATH that prints the saved list (only for --list-boots)
    writeFileSync(
      join(bin, 'journalctl'),
      `#!/bin/sh\n[ "$1" = --list-boots ] || exit 9\ncat ${tmp.join('journal-boots.txt')}\n`,
      { mode: 0o755 },
    );
    const env = { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}` };
    const args = [script, '--today', '2026-11-25', '--override-file', tmp.join('none')];
    mkdirSync(tmp.join('journal'), { recursive: true });
    const refused = await runProcess('/bin/sh', [...args, '--journal-dir', tmp.join('journal')], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/booted 4 times/);
    const volatile = await runProcess('/bin/sh', [...args, '--journal-dir', tmp.join('no-journal')], { env });
    expect(volatile.code).toBe(0);
    expect(volatile.stderr).toMatch(/journal is not persistent .* start allowed/);
  });

  it('fails visibly (255) when journalctl cannot list boots although the journal is persistent', async () => {
    const bin = tmp.join('failing-bin');
    mkdirSync(bin, { recursive: true });
    // a stand-in journalctl on PATH that fails the way a damaged journal does
    writeFileSync(
      join(bin, 'journalctl'),
      '#!/bin/sh\necho "Failed to open journal: Bad message" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    mkdirSync(tmp.join('journal'), { recursive: true });
    const r = await runProcess(
      '/bin/sh',
      [
        script,
        '--today',
        '2026-11-25',
        '--override-file',
        tmp.join('none'),
        '--journal-dir',
        tmp.join('journal'),
      ],
      { env: { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}` } },
    );
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Failed to open journal: Bad message/);
    expect(r.stderr).toMatch(/journalctl --list-boots failed although .*journal exists: cannot count boots/);
    expect(r.stdout).not.toMatch(/start allowed/);
  });

  it('is run by a drop-in as ExecCondition', () => {
    expect(renderBootGuardDropIn(spec, 'corosync')).toMatch(
      /\[Service\]\nExecCondition=\/usr\/local\/sbin\/ha-boot-guard\n/,
    );
  });
});
