import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createExecutor, exec } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoNodeYaml } from '../test/fixtures.js';
import { applyCommands, applyPlan } from './apply.js';
import { buildPlan, writePlan } from './plan.js';
import { parseClusterSpec } from './spec.js';

describe('apply', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir('ha-setup-apply-');
  });
  afterEach(() => tmp.remove());
  const plan = buildPlan(parseClusterSpec(twoNodeYaml, 'cluster.yaml'));

  it('only prints the commands by default (core dry-run executor)', async () => {
    writePlan(plan, tmp.path);
    const r = await applyPlan(plan, { outDir: tmp.path });
    expect(r.dryRun).toBe(true);
    expect(r.commands).toContain(
      `install -D -o root -g root -m 0644 ${tmp.join('corosync/corosync.conf')} /etc/corosync/corosync.conf`,
    );
    expect(r.commands).toContain(
      `install -D -o root -g root -m 0644 ${tmp.join('sbd/sbd')} /etc/default/sbd`,
    );
    expect(r.commands).toContain(
      `install -D -o root -g root -m 0755 ${tmp.join('boot-guard/ha-boot-guard')} /usr/local/sbin/ha-boot-guard`,
    );
    expect(r.commands).toContain('systemctl enable sbd.service');
    expect(r.commands.at(-1)).toBe('crm_verify -V -L');
  });

  it('refuses a folder that does not hold the current plan', async () => {
    await expect(applyPlan(plan, { outDir: tmp.path })).rejects.toThrow(/does not hold the current plan/);
    writePlan(plan, tmp.path);
    writeFileSync(tmp.join('pacemaker/cib.xml'), '<cib/>');
    await expect(applyPlan(plan, { outDir: tmp.path })).rejects.toThrow(/e\.g\. pacemaker\/cib\.xml/);
  });

  it('leaves the CIB out with loadCib false (for every node but one)', async () => {
    writePlan(plan, tmp.path);
    const r = await applyPlan(plan, {
      outDir: tmp.path,
      loadCib: false,
      executor: createExecutor({ dryRun: true }),
    });
    expect(r.commands.some((c) => c.startsWith('cibadmin'))).toBe(false);
  });

  it('loads the CIB sections with the real cibadmin into an empty CIB that crm_verify then accepts', async () => {
    writePlan(plan, tmp.path);
    const cib = tmp.join('live.xml');
    writeFileSync(cib, execFileSync('cibadmin', ['--empty'], { encoding: 'utf8' }));
    for (const [cmd, args] of applyCommands(plan, tmp.path).filter(([c]) => c === 'cibadmin'))
      await exec(cmd, args, { env: { CIB_file: cib }, timeoutMs: 60_000 });
    const verify = await exec('crm_verify', ['-V', '-x', cib], { reject: false });
    expect(verify.stderr).toBe('');
    expect(verify.exitCode).toBe(0);
    const text = execFileSync('cibadmin', ['--query', '--scope', 'configuration'], {
      env: { ...process.env, CIB_file: cib },
      encoding: 'utf8',
    });
    expect(text).toMatch(/rsc_colocation id="col-apache-with-clusterIP"/);
    expect(text).toMatch(/name="resource-stickiness" value="100"/);
    expect(text).toMatch(/name="pe-error-series-max" value="100"/);
  });
});
