import { readdirSync, readFileSync, statSync } from 'node:fs';
import { makeTempDir } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';
import { threeNodeYaml, twoNodeYaml } from '../test/fixtures.js';
import { buildPlan, writePlan } from './plan.js';
import { parseClusterSpec } from './spec.js';

describe('plan', () => {
  const plan = buildPlan(parseClusterSpec(twoNodeYaml, 'cluster.yaml'));
  const file = (path: string) => plan.artifacts.find((a) => a.path === path)?.content ?? '';

  it('produces every artifact the cluster needs', () => {
    expect(plan.artifacts.map((a) => a.path)).toEqual([
      'corosync/corosync.conf',
      'corosync/AUTHKEY.txt',
      'sbd/sbd',
      'sbd/sbd.service.d/ha-setup-timeout.conf',
      'pacemaker/cib.xml',
      'pacemaker/sections/crm_config.xml',
      'pacemaker/sections/resources.xml',
      'pacemaker/sections/constraints.xml',
      'pacemaker/sections/rsc_defaults.xml',
      'pacemaker/cib.crm',
      'pacemaker/cib-pcs.sh',
      'pacemaker/pacemaker.service.d/ha-setup-logging.conf',
      'logging/rsyslog.conf',
      'logging/logrotate',
      'boot-guard/ha-boot-guard',
      'boot-guard/corosync.service.d/ha-boot-guard.conf',
      'boot-guard/sbd.service.d/ha-boot-guard.conf',
      'boot-guard/pacemaker.service.d/ha-boot-guard.conf',
      'PLAN.md',
    ]);
  });

  it('writes sbd settings for Debian with both timeouts and the delay', () => {
    expect(plan.artifacts.find((a) => a.path === 'sbd/sbd')?.installPath).toBe('/etc/default/sbd');
    expect(file('sbd/sbd')).toMatch(/^SBD_DEVICE="\/dev\/disk\/by-id\/scsi-SHARED-sbd"$/m);
    expect(file('sbd/sbd')).toMatch(/^SBD_DELAY_START=47$/m);
    expect(file('sbd/sbd.service.d/ha-setup-timeout.conf')).toMatch(/TimeoutStartSec=57/);
    const rhel = buildPlan(parseClusterSpec(`os: rhel\n${threeNodeYaml}`));
    expect(rhel.artifacts.find((a) => a.path === 'sbd/sbd')?.installPath).toBe('/etc/sysconfig/sbd');
    expect(rhel.artifacts.find((a) => a.path === 'sbd/sbd')?.content).toMatch(
      /SBD_DEVICE="\/dev\/disk\/by-id\/a;\/dev\/disk\/by-id\/b;\/dev\/disk\/by-id\/c"/,
    );
  });

  it('uses rsc_defaults for stickiness and bounds all three scheduler series', () => {
    const cib = file('pacemaker/cib.xml');
    expect(cib).not.toMatch(/default-resource-stickiness/);
    expect(cib).toMatch(
      /<rsc_defaults>\s*<meta_attributes id="rsc-options">\s*<nvpair id="rsc-options-resource-stickiness" name="resource-stickiness" value="100"\/>/,
    );
    for (const s of ['input', 'warn', 'error']) expect(cib).toMatch(new RegExp(`name="pe-${s}-series-max"`));
    expect(cib).toMatch(/name="no-quorum-policy" value="stop"/);
    expect(cib).toMatch(/<primitive id="fence-sbd" class="stonith" type="fence_sbd">/);
    expect(cib).toMatch(/name="devices" value="\/dev\/disk\/by-id\/scsi-SHARED-sbd"/);
  });

  it('keeps no-quorum-policy=ignore for a legacy two-node stack, as in 2010', () => {
    const legacy = buildPlan(parseClusterSpec(`stack: legacy\ntransport: udp\n${twoNodeYaml}`));
    expect(legacy.cib).toMatch(/name="no-quorum-policy" value="ignore"/);
  });

  it('writes the same configuration as crm shell and pcs commands', () => {
    expect(file('pacemaker/cib.crm')).toContain(
      'colocation col-apache-with-clusterIP INFINITY: apache clusterIP',
    );
    expect(file('pacemaker/cib.crm')).toContain(
      'order order-clusterIP-then-apache Mandatory: clusterIP apache',
    );
    expect(file('pacemaker/cib.crm')).toMatch(
      /primitive clusterIP ocf:heartbeat:IPaddr2 \\\n\tparams ip=192\.168\.10\.100 cidr_netmask=24/,
    );
    expect(file('pacemaker/cib-pcs.sh')).toContain(
      'pcs -f "$CIB" resource create clusterIP ocf:heartbeat:IPaddr2 ip=192.168.10.100 cidr_netmask=24',
    );
    expect(file('pacemaker/cib-pcs.sh')).toContain(
      'pcs -f "$CIB" resource defaults update resource-stickiness=100',
    );
  });

  it('gives resources the priorities priority-fencing-delay weighs, and explains it without overclaiming', () => {
    const p = buildPlan(parseClusterSpec(twoNodeYaml));
    expect(p.cib).toContain('<nvpair id="rsc-options-priority" name="priority" value="1"/>');
    expect(p.cib).toMatch(
      /<primitive id="fence-sbd" [^>]*>[\s\S]*?<nvpair id="fence-sbd-meta_attributes-priority" name="priority" value="0"\/>[\s\S]*?<\/primitive>/,
    );
    const why = p.choices.find((c) => c.text.startsWith('priority-fencing-delay=60s'))!.text;
    expect(why).not.toMatch(/most important/);
    expect(why).toMatch(/every resource has priority 1 \(rsc_defaults, fence-sbd 0\)/);
    // three nodes: no priority-fencing-delay, so no priorities either
    const three = buildPlan(parseClusterSpec(threeNodeYaml));
    expect(three.cib).not.toMatch(/name="priority"|priority-fencing-delay/);
  });

  it('writes location preferences in all three forms', () => {
    const p = buildPlan(
      parseClusterSpec(
        `${twoNodeYaml}location:\n  - { rsc: apache, node: beta }\n  - { rsc: clusterIP, node: alpha, score: -INFINITY }\n`,
      ),
    );
    expect(p.cib).toContain('<rsc_location id="loc-apache-beta" rsc="apache" node="beta" score="100"/>');
    const crm = p.artifacts.find((a) => a.path === 'pacemaker/cib.crm')!.content;
    expect(crm).toContain('location loc-clusterIP-alpha clusterIP -INFINITY: alpha');
    const pcs = p.artifacts.find((a) => a.path === 'pacemaker/cib-pcs.sh')!.content;
    expect(pcs).toContain('pcs -f "$CIB" constraint location apache prefers beta=100');
    expect(pcs).toContain('pcs -f "$CIB" constraint location clusterIP avoids alpha=INFINITY');
  });

  it('routes the cluster facility to its own file and rotates it', () => {
    expect(file('logging/rsyslog.conf')).toMatch(/^local4\.\*\t-\/var\/log\/cluster\/cluster\.log\n& stop$/m);
    expect(file('logging/logrotate')).toMatch(/rotate 28/);
    expect(file('pacemaker/pacemaker.service.d/ha-setup-logging.conf')).toMatch(
      /Environment=PCMK_logfacility=local4/,
    );
  });

  it('explains each choice in one line with the spec field behind it', () => {
    for (const c of plan.choices) expect(c.text).not.toMatch(/\n/);
    expect(plan.choices.find((c) => c.topic === 'quorum')?.text).toMatch(/two_node: 1/);
    expect(plan.choices.some((c) => /no cron job deleting scheduler files/.test(c.text))).toBe(true);
    expect(file('PLAN.md')).toMatch(/## Choices/);
  });

  it('writes every file into the output folder with its mode', () => {
    const tmp = makeTempDir('ha-setup-plan-');
    try {
      writePlan(plan, tmp.path);
      expect(readFileSync(tmp.join('pacemaker/cib.xml'), 'utf8')).toBe(plan.cib);
      expect(statSync(tmp.join('boot-guard/ha-boot-guard')).mode & 0o777).toBe(0o755);
      expect(readdirSync(tmp.join('corosync')).sort()).toEqual(['AUTHKEY.txt', 'corosync.conf']);
    } finally {
      tmp.remove();
    }
  });
});
