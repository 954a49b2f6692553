// The bins as processes (built dist/), against the test xenstored through the real clients.
import { readFileSync, writeFileSync } from 'node:fs';
import { builtBin, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import { agentConfigSchema, collectorConfigSchema, parseRaw, reportConfigSchema } from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type XenWorld } from './helpers.js';

let w: XenWorld;
let tmp: TempDir;
const agent = () => builtBin('xen-monitor', 'domu-cli.js');
const dom0 = () => builtBin('xen-monitor', 'dom0-cli.js');

beforeAll(async () => {
  w = await startWorld([
    { domid: 7, name: 'mail01' },
    { domid: 8, name: 'idle01' },
  ]);
  tmp = makeTempDir('xen-cli-');
  writeFileSync(
    tmp.join('agent.yaml'),
    // thresholds out of reach: the report must not depend on how busy or full the CI host is
    `checks:\n  gateway: { enabled: false }\n  load: { warning: 1000, critical: 2000 }\n  cpu: { warning: 101, critical: 101 }\n` +
      `  memory: { warning: 101, critical: 101 }\n  swapUsed: { warning: 101, critical: 101 }\n  swapActivity: { warning: 1e9, critical: 1e9 }\n` +
      `  disk: { warning: 101, critical: 101, inodesWarning: 101, inodesCritical: 101 }\nstateFile: ${tmp.join('agent-state.json')}\n`,
  );
  writeFileSync(
    tmp.join('collector.yaml'),
    `domains: { source: xenstore }\nstateFile: ${tmp.join('c-state.json')}\ncacheFile: ${tmp.join('c.raw')}\nmissingGrace: 0s\n` +
      `dom0:\n  load: { warning: 1000, critical: 2000 }\n  memory: { warning: 101, critical: 101 }\n  swapUsed: { warning: 101, critical: 101 }\n` +
      `  disk: { warning: 101, critical: 101, inodesWarning: 101, inodesCritical: 101 }\n`,
  );
});
afterAll(async () => {
  await w?.xs.stop();
  tmp?.remove();
});

describe('xen-domu-agent', () => {
  it('checks the live host, writes its record as the guest and exits with the Nagios code', async () => {
    const r = await runNode(agent(), [
      'run',
      '-c',
      tmp.join('agent.yaml'),
      '--socket',
      await w.xs.socketFor(7),
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^XEN-DOMU (OK|WARNING|CRITICAL): /);
    expect(r.stdout).toMatch(/disk:\/.*% used/);
    expect(r.code).toBe({ OK: 0, WARNING: 1, CRITICAL: 2 }[/^XEN-DOMU (\w+)/.exec(r.stdout)![1]!]);
    expect(await w.dom0.read('/local/domain/7/data/opskit-xen/record')).toMatch(
      /^opskit-xen 1\nagent 0\.1\.0\n/,
    );
  });

  it('explains a refused write (data/ not owned by the guest) and exits UNKNOWN', async () => {
    await w.dom0.setPermissions('/local/domain/8/data', [
      { letter: 'n', domid: 0 },
      { letter: 'r', domid: 8 },
    ]);
    const r = await runNode(agent(), [
      'run',
      '-c',
      tmp.join('agent.yaml'),
      '--socket',
      await w.xs.socketFor(8),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /xenstore write \/local\/domain\/8\/data\/opskit-xen\/record: refused \(.*run "xen-dom0-collector setup" on the dom0/,
    );
  });

  it('names the file, line and field of a bad configuration and exits UNKNOWN', async () => {
    writeFileSync(tmp.join('bad.yaml'), 'checks:\n  disk:\n    warnin: 80\n');
    const r = await runNode(agent(), ['run', '-c', tmp.join('bad.yaml'), '--check-only']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${tmp.join('bad.yaml')}:3: checks.disk.warnin: unknown field "warnin"`);
  });

  it('has help on every command', async () => {
    const r = await runNode(agent(), ['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--check-only');
  });
});

describe('xen-dom0-collector', () => {
  const run = (args: string[]) =>
    runNode(dom0(), [...args, '-c', tmp.join('collector.yaml'), '--socket', w.xs.socketPath]);

  it('sets up permissions idempotently, with a dry run first', async () => {
    await w.dom0.setPermissions('/local/domain/8/data', [
      { letter: 'n', domid: 0 },
      { letter: 'r', domid: 8 },
    ]);
    const dry = await run(['setup', '--dry-run']);
    expect(dry.stdout).toMatch(/idle01\s+\/local\/domain\/8\/data\s+would chmod\s+n0,r8\s+n8/);
    expect(await w.dom0.getPermissions('/local/domain/8/data')).toHaveLength(2);
    const real = await run(['setup', '--json']);
    expect(JSON.parse(real.stdout).actions).toContainEqual(
      expect.objectContaining({ domain: 'idle01', action: 'chmod' }),
    );
    const again = await run(['setup', '--json']);
    expect(JSON.parse(again.stdout).actions.every((a: { action: string }) => a.action === 'ok')).toBe(true);
  });

  it('prints human, raw, nagios, openmetrics and JSON reports', async () => {
    const human = await run(['collect']);
    expect(human.stdout).toMatch(/^xen-dom0-collector on .*: WARNING, 2 domU\(s\)/);
    expect(human.stdout).toMatch(/WARNINGS:\n {2}idle01 .*\n {4}record: no record from the agent/);
    expect(human.code).toBe(1);
    const raw = await run(['collect', '-f', 'raw']);
    expect(parseRaw(raw.stdout).lines).toContainEqual(
      expect.objectContaining({ domain: 'idle01', check: 'record', status: 'WARNING' }),
    );
    expect(readFileSync(tmp.join('c.raw'), 'utf8')).toBe(raw.stdout);
    const nagios = await run(['collect', '-f', 'nagios']);
    expect(nagios.stdout).toMatch(
      /^XEN WARNING: 1 problem\(s\) in 2 domU\(s\): idle01 record \| domains=2;;;0 /,
    );
    expect(nagios.code).toBe(1);
    const om = await run(['collect', '-f', 'openmetrics']);
    expect(om.stdout).toMatch(/xen_monitor_record_present\{domain="idle01",uuid="[-0-9a-f]+"\} 0\n/);
    expect(om.stdout.endsWith('# EOF\n')).toBe(true);
    const json = JSON.parse((await run(['collect', '--json'])).stdout);
    expect(json.domains.map((d: { name: string }) => d.name)).toEqual(['mail01', 'idle01']);
  });

  it('prints the cache as the snmpd extend does, with its status as exit code', async () => {
    const r = await runNode(dom0(), ['extend', '-c', tmp.join('collector.yaml'), '--max-age', '900']);
    expect(r.stdout).toBe(readFileSync(tmp.join('c.raw'), 'utf8'));
    expect(r.code).toBe(1);
  });

  it('prints snmpd.conf lines for SNMPv3, refusing a passphrase file others can read', async () => {
    writeFileSync(tmp.join('auth'), 'authpass123\n', { mode: 0o644 });
    writeFileSync(tmp.join('priv'), 'privpass123\n', { mode: 0o600 });
    const args = [
      'snmpd-config',
      '-c',
      tmp.join('collector.yaml'),
      '--v3-user',
      'xenmon',
      '--auth-file',
      tmp.join('auth'),
      '--priv-file',
      tmp.join('priv'),
    ];
    const bad = await runNode(dom0(), args);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('chmod 600');
    const { chmodSync } = await import('node:fs');
    chmodSync(tmp.join('auth'), 0o600);
    const ok = await runNode(dom0(), [...args, '--lines-only']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`results ${tmp.join('c.raw')} 900\n`);
    expect(ok.stdout).toContain(
      'createUser xenmon SHA "authpass123" AES "privpass123"\nrouser xenmon priv -V opskitxen\n',
    );
  });

  it('lists the cluster share and exits 1 when it found problems', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tmp.join('share/srxen01'), { recursive: true });
    writeFileSync(tmp.join('share/srxen01/www01.cfg'), '');
    const clean = await runNode(dom0(), ['list-cluster', tmp.join('share'), '-f', 'raw']);
    expect(clean).toMatchObject({
      code: 0,
      stdout: '# opskit-xen-cluster 1 dom0s=1 domus=1\nsrxen01 www01\n',
    });
    writeFileSync(tmp.join('share/srxen01/notes.txt'), '');
    const warned = await runNode(dom0(), ['list-cluster', tmp.join('share')]);
    expect(warned.code).toBe(1);
    expect(warned.stdout).toContain('warning: srxen01/notes.txt: not a <domU>.cfg file, ignored');
  });

  it('exits UNKNOWN with a clear message when xenstore cannot be reached', async () => {
    const r = await runNode(dom0(), [
      'collect',
      '-c',
      tmp.join('collector.yaml'),
      '--socket',
      tmp.join('nothing.sock'),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/xen-dom0-collector: UNKNOWN: xenstore .*xs_open/);
  });
});

describe('published schemas', () => {
  it.each([
    ['domu-agent.schema.json', agentConfigSchema],
    ['dom0-collector.schema.json', collectorConfigSchema],
    ['cluster-report.schema.json', reportConfigSchema],
  ])('schema/%s matches the schema the code validates with', (file, schema) => {
    const published = JSON.parse(readFileSync(new URL(`../schema/${file}`, import.meta.url), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
