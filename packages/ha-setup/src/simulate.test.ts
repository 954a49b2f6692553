import { readFileSync, writeFileSync } from 'node:fs';
import { exec } from '@opskit/core';
import { makeTempDir } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';
import { threeNodeYaml, twoNodeYaml } from '../test/fixtures.js';
import { renderCib } from './cib.js';
import { buildPlan } from './plan.js';
import { keepsQuorum, parseStatusXml, simulatePlan } from './simulate.js';
import { parseClusterSpec } from './spec.js';

const simulate = (yaml: string) => simulatePlan(buildPlan(parseClusterSpec(yaml)));

describe('simulate with crm_simulate (real tool)', () => {
  it('places the IP and Apache together, then moves both when their node fails', async () => {
    const r = await simulate(twoNodeYaml);
    expect(r.ok).toBe(true);
    expect(r.resources).toEqual(['fence-sbd', 'clusterIP', 'apache']);
    const [up, ...failures] = r.scenarios;
    expect(up!.name).toBe('all nodes up');
    expect(up!.placement['apache']).toEqual(up!.placement['clusterIP']);
    expect(up!.placement['apache']).toHaveLength(1);
    expect(failures.map((s) => s.failed)).toEqual(['alpha', 'beta']);
    const webNode = up!.placement['apache']![0]!;
    const survivor = webNode === 'alpha' ? 'beta' : 'alpha';
    const webFails = failures.find((s) => s.failed === webNode)!;
    expect(webFails.fenced).toEqual([webNode]);
    expect(webFails.placement['clusterIP']).toEqual([survivor]);
    expect(webFails.placement['apache']).toEqual([survivor]);
    expect(webFails.moved).toEqual(expect.arrayContaining(['clusterIP', 'apache']));
    const otherFails = failures.find((s) => s.failed === survivor)!;
    expect(otherFails.placement['apache']).toEqual([webNode]);
    expect(otherFails.moved).not.toContain('apache');
    for (const s of r.scenarios) expect(s.duplicated).toEqual([]);
    // two_node: the survivor of two keeps quorum
    expect(r.scenarios.map((s) => s.quorum)).toEqual([true, true, true]);
  });

  it('reports that the survivor of two nodes without two_node loses quorum and stops everything', async () => {
    const r = await simulate(`twoNode: false\n${twoNodeYaml}`);
    expect(r.ok).toBe(false);
    expect(r.noQuorumPolicy).toBe('stop');
    const [up, ...failures] = r.scenarios;
    expect(up!.quorum).toBe(true);
    expect(up!.stopped).toEqual([]);
    expect(failures.map((s) => [s.failed, s.quorum])).toEqual([
      ['alpha', false],
      ['beta', false],
    ]);
    for (const s of failures) {
      // no quorum: no fencing, and the survivor runs nothing (no-quorum-policy stop)
      expect(s.fenced).toEqual([]);
      expect(
        Object.values(s.placement)
          .flat()
          .filter((n) => n !== s.failed),
      ).toEqual([]);
    }
    // the node without Apache fails: Apache and the IP stop on the survivor that ran them
    const webNode = up!.placement['apache']![0]!;
    const other = failures.find((s) => s.failed !== webNode)!;
    expect(other.stopped).toEqual(expect.arrayContaining(['clusterIP', 'apache']));
  });

  it('keeps resources running on the legacy two-node stack (no quorum, no-quorum-policy ignore)', async () => {
    const r = await simulate(`stack: legacy\ntransport: udp\n${twoNodeYaml}`);
    expect(r.noQuorumPolicy).toBe('ignore');
    expect(r.scenarios.slice(1).map((s) => s.quorum)).toEqual([false, false]);
    expect(r.ok).toBe(true);
  });

  it('keeps quorum for one failure in three nodes, but not for two of three', () => {
    const three = buildPlan(parseClusterSpec(threeNodeYaml));
    expect([keepsQuorum(three, 2), keepsQuorum(three, 1)]).toEqual([true, false]);
    const two = buildPlan(parseClusterSpec(twoNodeYaml));
    expect(keepsQuorum(two, 1)).toBe(true);
    expect(keepsQuorum(buildPlan(parseClusterSpec(`twoNode: false\n${twoNodeYaml}`)), 1)).toBe(false);
  });

  it('honours a location preference, and stickiness keeps resources where they went after a failure', async () => {
    const r = await simulate(`${twoNodeYaml}location:\n  - { rsc: clusterIP, node: alpha, score: 50 }\n`);
    expect(r.ok).toBe(true);
    expect(r.scenarios[0]!.placement['clusterIP']).toEqual(['alpha']);
    expect(r.scenarios[0]!.placement['apache']).toEqual(['alpha']);
    expect(r.scenarios.find((s) => s.failed === 'alpha')!.placement['apache']).toEqual(['beta']);
  });

  it('keeps a three-node stack together in order through every single failure', async () => {
    const r = await simulate(threeNodeYaml);
    expect(r.ok).toBe(true);
    expect(r.scenarios).toHaveLength(4);
    for (const s of r.scenarios) {
      expect(s.stopped).toEqual([]);
      expect(s.placement['db']).toEqual(s.placement['vip']);
      expect(s.placement['data']).toEqual(s.placement['vip']);
      if (s.failed) expect(Object.values(s.placement).flat()).not.toContain(s.failed);
    }
  });

  it('reports a resource that cannot run anywhere', async () => {
    // -INFINITY colocation with each other: the second cannot run where the first runs, with one node left
    const yaml = twoNodeYaml.replace(
      'colocation:\n  - rsc: apache\n    with: clusterIP\n',
      'colocation:\n  - rsc: apache\n    with: clusterIP\n    score: -INFINITY\n',
    );
    const r = await simulate(yaml);
    expect(r.ok).toBe(false);
    const failure = r.scenarios.find((s) => s.failed && s.stopped.length > 0);
    expect(failure?.stopped).toEqual(['apache']);
  });
});

describe('priority-fencing-delay (real crm_simulate transition graphs)', () => {
  it('delays fencing the node that runs the IP and Apache, and only that node', async () => {
    const tmp = makeTempDir('ha-setup-priority-');
    try {
      const plan = buildPlan(parseClusterSpec(twoNodeYaml));
      writeFileSync(tmp.join('cib.xml'), renderCib(plan.spec, plan.timings, { emptyNodes: true }));
      const sim = (args: string[]) => exec('crm_simulate', args, { timeoutMs: 120_000 });
      await sim([
        '-x',
        tmp.join('cib.xml'),
        '-q',
        '1',
        '-u',
        'alpha',
        '-u',
        'beta',
        '-S',
        '-O',
        tmp.join('up.xml'),
      ]);
      const placed = parseStatusXml((await sim(['-x', tmp.join('up.xml'), '--output-as=xml'])).stdout);
      const webNode = placed['apache']![0]!;
      const delays: Record<string, string | undefined> = {};
      for (const node of ['alpha', 'beta']) {
        await sim(['-x', tmp.join('up.xml'), '-q', '1', '-f', node, '-S', '-G', tmp.join(`${node}.graph`)]);
        const graph = readFileSync(tmp.join(`${node}.graph`), 'utf8');
        delays[node] = /CRM_meta_priority_fencing_delay="(\d+)"/.exec(graph)?.[1];
      }
      const other = webNode === 'alpha' ? 'beta' : 'alpha';
      expect(delays).toEqual({ [webNode]: '60', [other]: '0' });
    } finally {
      tmp.remove();
    }
  });
});

describe('parsing crm_simulate status XML', () => {
  it('reads active nodes per resource, clones included', () => {
    const xml = `<pacemaker-result><cluster_status><resources>
      <resource id="vip" resource_agent="ocf:heartbeat:IPaddr2" role="Started" active="true"><node name="n1" id="n1" cached="true"/></resource>
      <resource id="web" resource_agent="ocf:heartbeat:apache" role="Stopped" active="false"/>
      <clone id="ping-clone"><resource id="ping" role="Started" active="true"><node name="n1"/></resource><resource id="ping" role="Started" active="true"><node name="n2"/></resource></clone>
    </resources></cluster_status></pacemaker-result>`;
    expect(parseStatusXml(xml)).toEqual({ vip: ['n1'], web: [], ping: ['n1', 'n2'] });
  });
});
