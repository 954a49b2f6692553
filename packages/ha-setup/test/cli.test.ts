// The ha-setup bin run as a process, the way an admin runs it (needs the build: npx tsc -b tsconfig.build.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { builtBin, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import { createLoopDevice } from '@opskit/testkit/loop-device';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoNodeYaml } from './fixtures.js';

const bin = builtBin('ha-setup', 'cli.js');

describe('ha-setup CLI', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir('ha-setup-cli-');
    writeFileSync(tmp.join('cluster.yaml'), twoNodeYaml);
  });
  afterEach(() => tmp.remove());
  const run = (...args: string[]) => runNode(bin, args, { cwd: tmp.path, timeoutMs: 120_000 });

  it('shows help for every command', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    for (const c of ['plan', 'validate', 'simulate', 'sbd-init', 'apply']) expect(top.stdout).toContain(c);
    const sbd = await run('sbd-init', '--help');
    expect(sbd.stdout).toMatch(/--force/);
  });

  it('plans into the output folder and explains its choices', async () => {
    const r = await run('plan', 'cluster.yaml', '--out', 'out');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[quorum\] two_node: 1/);
    expect(r.stdout).toMatch(/19 files written to out\//);
    expect(readFileSync(tmp.join('out/corosync/corosync.conf'), 'utf8')).toMatch(/cluster_name: web/);
    const json = await run('plan', 'cluster.yaml', '--out', 'out', '--json');
    const data = JSON.parse(json.stdout) as { files: { path: string }[]; choices: { where?: string }[] };
    expect(data.files).toHaveLength(19);
    expect(data.choices[0]?.where).toMatch(/^cluster\.yaml:\d+$/);
  });

  it('writes nothing for an invalid spec and names the field (exit 2)', async () => {
    writeFileSync(tmp.join('bad.yaml'), twoNodeYaml.replace('then: apache', 'then: nginx'));
    const r = await run('plan', 'bad.yaml', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^ha-setup: error: bad\.yaml:22: order\[0\]\.then: no resource "nginx"; expected one of: clusterIP, apache/,
    );
    expect(existsSync(tmp.join('out'))).toBe(false);
  });

  it('validates with the real tools (exit 0) and rejects what pacemaker rejects (exit 2)', async () => {
    const ok = await run('validate', 'cluster.yaml');
    expect(ok.stdout).toMatch(/cluster "web": valid/);
    expect(ok.code).toBe(0);
    writeFileSync(
      tmp.join('bad.yaml'),
      twoNodeYaml.replace(
        '    type: apache\n',
        '    type: apache\n    meta:\n      target-role: Sometimes\n',
      ),
    );
    const bad = await run('validate', 'bad.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/bad\.yaml:18: error: \[crm_verify\] .*Sometimes/);
  });

  it('simulates failures as a table', async () => {
    const r = await run('simulate', 'cluster.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/resource\s+all nodes up\s+alpha fails\s+beta fails/);
    expect(r.stdout).toMatch(/\(moved\)/);
    expect(r.stdout).toMatch(/ok: every resource runs once/);
  });

  it('says when the survivor of two nodes has no quorum and stops resources (exit 1)', async () => {
    writeFileSync(tmp.join('nq.yaml'), `twoNode: false\n${twoNodeYaml}`);
    const r = await run('simulate', 'nq.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^alpha fails: the nodes left have NO QUORUM \(no-quorum-policy stop\); fenced nothing;/m,
    );
    expect(r.stdout).toMatch(/STOPPED/);
    expect(r.stdout).toMatch(/without quorum the nodes left neither fence nor run resources/);
  });

  it('prints the apply commands as a dry run by default', async () => {
    await run('plan', 'cluster.yaml', '--out', 'out');
    const r = await run('apply', 'cluster.yaml', '--out', 'out');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# dry run/);
    expect(r.stdout).toMatch(
      /cibadmin --replace --scope resources --xml-file \S+\/out\/pacemaker\/sections\/resources\.xml/,
    );
  });

  it("initialises the spec's sbd.devices when sbd-init gets no device (real sbd on a loop device)", async () => {
    const loop = createLoopDevice(8 * 1024 * 1024, 'ha-setup-cli-sbd-');
    try {
      writeFileSync(
        tmp.join('disk.yaml'),
        twoNodeYaml.replace('/dev/disk/by-id/scsi-SHARED-sbd', loop.device),
      );
      const r = await run('sbd-init', '--spec', 'disk.yaml');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`${loop.device}: header uuid `);
      expect(r.stdout).toMatch(/watchdog 5s, msgwait 10s/);
      expect(r.stdout).toMatch(/sbd initialised and verified/);
    } finally {
      loop.detach();
    }
  });

  it('says which device sbd-init needs when neither a device nor sbd.devices is given (exit 2)', async () => {
    writeFileSync(
      tmp.join('nosbd.yaml'),
      `fencing: { enabled: false }\n${twoNodeYaml.replace(/sbd:\n.*\n/, '')}`,
    );
    const r = await run('sbd-init', '--spec', 'nosbd.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sbd-init needs a device: nosbd\.yaml has no sbd\.devices/);
    const bare = await run('sbd-init', '--node', 'alpha');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/sbd-init needs a device \(or --spec FILE, whose sbd\.devices are used\)/);
  });

  it('refuses sbd-init without node names (exit 2)', async () => {
    const r = await run('sbd-init', '/dev/null');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs node names/);
  });
});
