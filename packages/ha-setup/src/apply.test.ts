import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createExecutor, exec } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twoNodeYaml } from '../test/fixtures.js';
import { applyCommands, applyPlan } from './apply.js';
import { buildPlan, writePlan } from './plan.js';
import { parseClusterSpec } from './spec.js';

// the commands after `corosync -t` load the CIB (run here against a CIB_file instead of a live cluster)
const cibPart = (cmds: [string, string[]][]) => cmds.slice(cmds.findIndex(([c]) => c === 'corosync') + 1);

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
    for (const [cmd, args] of cibPart(applyCommands(plan, tmp.path)))
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

  it('loads a plan that renames a resource over the previous one in one step, keeping nodes and status', async () => {
    const cib = tmp.join('live.xml');
    const env = { CIB_file: cib };
    const load = async (p: typeof plan, dir: string) => {
      writePlan(p, dir);
      for (const [cmd, args] of cibPart(applyCommands(p, dir)))
        await exec(cmd, args, { env, timeoutMs: 60_000 });
    };
    writeFileSync(cib, execFileSync('cibadmin', ['--empty'], { encoding: 'utf8' }));
    await load(plan, tmp.join('first'));
    // what the cluster itself adds: a node with an attribute, and its status
    await exec('cibadmin', ['--create', '--scope', 'nodes', '--xml-text', NODE], { env });
    await exec('cibadmin', ['--create', '--scope', 'status', '--xml-text', NODE_STATE], { env });
    const renamed = buildPlan(
      parseClusterSpec(
        twoNodeYaml
          .replace('id: apache', 'id: web')
          .replace('rsc: apache', 'rsc: web')
          .replace('then: apache', 'then: web'),
        'cluster.yaml',
      ),
    );
    await load(renamed, tmp.join('second'));
    const text = execFileSync('cibadmin', ['--query'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(text).toMatch(/<primitive id="web" class="ocf" provider="heartbeat" type="apache">/);
    expect(text).not.toMatch(/id="apache"/);
    expect(text).not.toMatch(/-apache-|-apache"/);
    expect(text).toMatch(/rsc_colocation id="col-web-with-clusterIP" rsc="web"/);
    expect(text).toMatch(/rsc_order id="order-clusterIP-then-web"/);
    expect(text).toContain('<nvpair id="alpha-standby" name="standby" value="on"/>');
    expect(text).toMatch(/<node_state id="1" uname="alpha"/);
  });

  it('leaves the live CIB untouched when loading fails before the last step', async () => {
    writePlan(plan, tmp.path);
    const cib = tmp.join('live.xml');
    writeFileSync(cib, execFileSync('cibadmin', ['--empty'], { encoding: 'utf8' }));
    const before = readFileSync(cib, 'utf8');
    writeFileSync(
      tmp.join('pacemaker/sections/constraints.xml'),
      '<constraints><rsc_order id="o" first="nope" then="apache"/></constraints>\n',
    );
    const cmds = cibPart(applyCommands(plan, tmp.path));
    let failed: string | undefined;
    for (const [cmd, args] of cmds) {
      const r = await exec(cmd, args, { env: { CIB_file: cib }, timeoutMs: 60_000, reject: false });
      if (r.exitCode !== 0) {
        failed = args.join(' ');
        break;
      }
    }
    expect(failed).toMatch(/--scope constraints --xml-file .*constraints\.xml$/);
    expect(readFileSync(cib, 'utf8')).toBe(before);
  });
});

const NODE =
  '<node id="1" uname="alpha"><instance_attributes id="alpha-attrs"><nvpair id="alpha-standby" name="standby" value="on"/></instance_attributes></node>';
const NODE_STATE =
  '<node_state id="1" uname="alpha" in_ccm="true" crmd="online" join="member" expected="member"/>';
