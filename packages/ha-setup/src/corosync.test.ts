import { hostname } from 'node:os';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threeNodeYaml, twoNodeYaml } from '../test/fixtures.js';
import { deriveBindnetaddr, deriveMulticast, renderCorosyncConf } from './corosync.js';
import { corosyncTest, lintCorosyncConf } from './corosync-check.js';
import { parseClusterSpec } from './spec.js';
import { computeTimings } from './timings.js';

const render = (yaml: string) => {
  const { spec } = parseClusterSpec(yaml, 'cluster.yaml');
  return { spec, conf: renderCorosyncConf(spec, computeTimings(spec), 'cluster.yaml') };
};

describe('corosync.conf generation', () => {
  it('derives bindnetaddr and the multicast address the 2010 way', () => {
    const { spec } = parseClusterSpec(
      `stack: legacy\ntransport: udp\n${twoNodeYaml.replace(/netmask: 255.255.255.0/g, 'netmask: 255.255.255.192').replace('.100', '.10')}`,
    );
    expect(deriveBindnetaddr(spec)).toBe('192.168.10.0');
    expect(deriveMulticast(spec)).toEqual({ address: '239.255.10.7', port: 5405, derived: true });
    const other = parseClusterSpec(
      twoNodeYaml
        .replace(/192\.168\.10\./g, '192.168.5.')
        .replace('[192.168.5.7]', '[192.168.5.92]')
        .replace('[192.168.5.8]', '[192.168.5.93]') // both nodes in 192.168.5.64/26, like the floating IP
        .replace(/netmask: 255.255.255.0/g, 'netmask: 26')
        .replace('.100', '.70'),
    ).spec;
    expect(deriveBindnetaddr(other)).toBe('192.168.5.64');
  });

  it('writes the legacy openais form with bindnetaddr, multicast and the pacemaker plugin', () => {
    const { conf } = render(`stack: legacy\ntransport: udp\nmulticast: { port: 5505 }\n${twoNodeYaml}`);
    expect(conf.text).toContain('service {\n    ver: 0\n    name: pacemaker\n}');
    expect(conf.text).toMatch(
      /interface \{\n\s+ringnumber: 0\n\s+bindnetaddr: 192\.168\.10\.0\n\s+mcastaddr: 239\.255\.10\.7\n\s+mcastport: 5505\n/,
    );
    expect(conf.text).not.toContain('nodelist');
  });

  it('turns two_node on for two nodes only, and maps lines back to spec fields', () => {
    const two = render(twoNodeYaml).conf;
    expect(two.text).toMatch(/two_node: 1/);
    const line = two.text.split('\n').findIndex((l) => l.includes('ring0_addr: 192.168.10.8'));
    expect(two.sources[line]).toBe('/nodes/1/addresses/0');
    const three = render(threeNodeYaml).conf;
    expect(three.text).not.toMatch(/two_node/);
    expect(three.text).toMatch(/transport: udpu/);
    expect(three.text).not.toMatch(/crypto_cipher/);
  });

  it('lints keys corosync 3 would ignore silently', () => {
    const { conf } = render(twoNodeYaml);
    expect(lintCorosyncConf(conf)).toEqual([]);
    const bad = {
      text: conf.text.replace('    token: 3000', '    token: 3000\n    bogus_option: 1'),
      sources: conf.sources,
    };
    expect(lintCorosyncConf(bad)[0]?.message).toMatch(/totem\.bogus_option is not a corosync 3 key/);
  });
});

describe('corosync -t on generated configurations (real corosync)', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir('ha-setup-corosync-');
  });
  afterEach(() => tmp.remove());

  it.each([
    ['two nodes on knet with crypto', twoNodeYaml],
    ['three nodes on udpu', threeNodeYaml],
    ['two nodes on multicast udp', `transport: udp\n${twoNodeYaml}`],
    [
      'two links on knet',
      twoNodeYaml
        .replace('[192.168.10.7]', '[192.168.10.7, 10.9.0.7]')
        .replace('[192.168.10.8]', '[192.168.10.8, 10.9.0.8]'),
    ],
  ])('accepts %s', async (_what, yaml) => {
    const { spec, conf } = render(yaml);
    const r = await corosyncTest(conf, tmp.path, spec.nodes[0]!.name);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    if (spec.transport === 'knet') expect(r.checkedText).toContain(`keyfile: ${tmp.join('authkey')}`);
  });

  it('checks a nodelist that already names this host without renaming another node', async () => {
    const { spec, conf } = render(twoNodeYaml.replace('name: beta', `name: ${hostname()}`));
    const r = await corosyncTest(conf, tmp.path, spec.nodes[0]!.name);
    expect(r.findings).toEqual([]);
    expect(r.checkedText).toMatch(/name: alpha/);
  });

  it('shows the errors corosync reports after its parser (the checked copy logs to stderr)', async () => {
    const { spec, conf } = render(twoNodeYaml);
    const broken = { text: conf.text.replace('nodeid: 1\n', 'nodeid: 70000\n'), sources: conf.sources };
    const r = await corosyncTest(broken, tmp.path, spec.nodes[0]!.name);
    expect(r.checkedText).toMatch(/^\s+to_stderr: yes$/m);
    expect(r.findings).toEqual([
      {
        check: 'corosync -t',
        severity: 'error',
        message: "Knet requires nodeid to be less than 65536 for address '192.168.10.7'.",
        pointer: '/nodes/0/addresses/0',
      },
    ]);
  });

  it('maps a corosync parser error back to the spec field that produced the line', async () => {
    const { spec, conf } = render(twoNodeYaml);
    const broken = { text: conf.text.replace('two_node: 1', 'two_node: yes'), sources: conf.sources };
    const r = await corosyncTest(broken, tmp.path, spec.nodes[0]!.name);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ check: 'corosync -t', severity: 'error', pointer: '/twoNode' });
    expect(r.findings[0]!.message).toMatch(/two_node.*expected to be integer/);
  });
});
