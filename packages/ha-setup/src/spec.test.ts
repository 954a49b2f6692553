import { ConfigError } from '@opskit/core';
import { describe, expect, it } from 'vitest';
import { twoNodeYaml } from '../test/fixtures.js';
import { parseClusterSpec } from './spec.js';

function problemOf(text: string): ConfigError {
  try {
    parseClusterSpec(text, 'cluster.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('the spec was accepted');
}

describe('loading a cluster spec', () => {
  it('fills defaults from the schema and numbers nodes', () => {
    const { spec } = parseClusterSpec(twoNodeYaml);
    expect(spec.transport).toBe('knet');
    expect(spec.os).toBe('debian');
    expect(spec.nodes.map((n) => n.id)).toEqual([1, 2]);
    expect(spec.sbd?.watchdogTimeout).toBe(5);
    expect(spec.bootGuard).toEqual({
      enabled: true,
      maxBootsPerDay: 3,
      scriptPath: '/usr/local/sbin/ha-boot-guard',
    });
    expect(spec.properties.peErrorSeriesMax).toBe(100);
    expect(spec.order[0]?.kind).toBe('Mandatory');
  });

  it('keeps explicit node ids and gives the others the lowest free ones', () => {
    const text = twoNodeYaml
      .replace('  - name: alpha\n', '  - name: alpha\n    id: 1\n')
      .replace('  - name: beta\n', '  - name: beta\n');
    const { spec } = parseClusterSpec(text.replace('id: 1', 'id: 2'));
    expect(spec.nodes.map((n) => n.id)).toEqual([2, 1]);
  });

  it.each([
    [
      'a duplicate node name',
      twoNodeYaml.replace('name: beta', 'name: alpha'),
      6,
      'nodes[1].name',
      /duplicate node name "alpha" \(also nodes\[0\]\)/,
    ],
    [
      'a duplicate node id',
      twoNodeYaml
        .replace('  - name: alpha\n', '  - name: alpha\n    id: 7\n')
        .replace('  - name: beta\n', '  - name: beta\n    id: 7\n'),
      8,
      'nodes[1].id',
      /duplicate node id 7/,
    ],
    [
      'a node id knet cannot address',
      twoNodeYaml.replace('  - name: alpha\n', '  - name: alpha\n    id: 70000\n'),
      4,
      'nodes[0].id',
      /node id 70000 is too large for transport knet; expected 1\.\.65535/,
    ],
    [
      'an order after a missing resource',
      twoNodeYaml.replace('then: apache', 'then: nginx'),
      22,
      'order[0].then',
      /no resource "nginx"; expected one of: clusterIP, apache/,
    ],
    [
      'a colocation with a missing resource',
      twoNodeYaml.replace('with: clusterIP', 'with: vip'),
      19,
      'colocation[0].with',
      /no resource "vip"/,
    ],
    [
      'a location on a missing node',
      `${twoNodeYaml}location:\n  - { rsc: apache, node: gamma }\n`,
      24,
      'location[0].node',
      /no node "gamma"; expected one of: alpha, beta/,
    ],
    [
      'a floating IP outside every node network',
      twoNodeYaml.replace('ip: 192.168.10.100', 'ip: 10.1.1.1'),
      14,
      'resources[0].ip',
      /10\.1\.1\.1 is outside every node network \(192\.168\.10\.0\/24\)/,
    ],
    [
      'a floating IP only one node can bring up',
      twoNodeYaml.replace('[192.168.10.8]', '[192.168.20.8]'),
      14,
      'resources[0].ip',
      /192\.168\.10\.100 is in 192\.168\.10\.0\/24 of nodes\[0\] but in no network of nodes\[1\] \(192\.168\.20\.0\/24\); expected an address in a network every node has/,
    ],
    [
      'a floating IP every node has, but on different links',
      twoNodeYaml
        .replace('[192.168.10.7]', '[192.168.10.7, 10.9.0.7]')
        .replace('[192.168.10.8]', '[10.9.0.8, 192.168.10.8]'),
      14,
      'resources[0].ip',
      /on different links; expected an address in a network every node has on the same link/,
    ],
    [
      'a floating IP on the network address',
      twoNodeYaml.replace('ip: 192.168.10.100', 'ip: 192.168.10.0'),
      14,
      'resources[0].ip',
      /192\.168\.10\.0 is the network address of 192\.168\.10\.0\/24; expected a host address/,
    ],
    [
      'a floating IP on the broadcast address of its own netmask',
      twoNodeYaml.replace('ip: 192.168.10.100', 'ip: 192.168.10.127\n    netmask: 25'),
      14,
      'resources[0].ip',
      /192\.168\.10\.127 is the broadcast address of 192\.168\.10\.0\/25; expected a host address/,
    ],
    [
      'a floating IP equal to a node address',
      twoNodeYaml.replace('ip: 192.168.10.100', 'ip: 192.168.10.8'),
      14,
      'resources[0].ip',
      /is the address of nodes\[1\]/,
    ],
    [
      'multicast nodes in two networks',
      // beta's /16 still holds the floating IP, so the only problem is alpha's network for multicast
      `transport: udp\n${twoNodeYaml.replace('[192.168.10.8]\n    netmask: 255.255.255.0', '[192.168.20.8]\n    netmask: 255.255.0.0')}`,
      8,
      'nodes[1].addresses[0]',
      /192\.168\.20\.8 is not in 192\.168\.10\.0\/24 .* expected every node in one network for multicast/,
    ],
    [
      'a bad netmask',
      twoNodeYaml.replace('netmask: 255.255.255.0\n  - name: beta', 'netmask: 255.0.255.0\n  - name: beta'),
      5,
      'nodes[0].netmask',
      /not a netmask/,
    ],
    [
      'two_node with three nodes',
      `twoNode: true\n${twoNodeYaml.replace('sbd:', '  - name: gamma\n    addresses: [192.168.10.9]\nsbd:')}`,
      1,
      'twoNode',
      /two_node needs exactly 2 nodes/,
    ],
    [
      'crypto on udpu',
      `transport: udpu\ncrypto: { cipher: aes256, hash: sha256 }\n${twoNodeYaml}`,
      2,
      'crypto',
      /only valid with transport knet/,
    ],
    [
      'msgwait below twice the watchdog',
      twoNodeYaml.replace('sbd:\n', 'sbd:\n  watchdogTimeout: 10\n  msgwait: 15\n'),
      11,
      'sbd.msgwait',
      /below 2 x watchdogTimeout/,
    ],
    [
      'two orders of the same pair (their generated ids clash)',
      `${twoNodeYaml}  - first: clusterIP\n    then: apache\n    kind: Optional\n`,
      23,
      'order[1]',
      /the generated id "order-clusterIP-then-apache" is already used by order\[0\]; expected a unique id \(set order\[1\]\.id\)/,
    ],
    [
      'a constraint id equal to a resource id',
      `${twoNodeYaml}location:\n  - { id: apache, rsc: apache, node: alpha }\n`,
      24,
      'location[0].id',
      /id "apache" is already used by resources\[1\]\.id/,
    ],
    [
      'a given id equal to the generated id of another constraint',
      `${twoNodeYaml}location:\n  - { id: col-apache-with-clusterIP, rsc: apache, node: alpha }\n`,
      24,
      'location[0].id',
      /id "col-apache-with-clusterIP" is already used by colocation\[0\]/,
    ],
    [
      'a constraint id ha-setup generates itself',
      twoNodeYaml.replace('    with: clusterIP\n', '    with: clusterIP\n    id: rsc-options\n'),
      20,
      'colocation[0].id',
      /id "rsc-options" is already used by the generated rsc-options section/,
    ],
    [
      'a constraint id of a generated resource operation',
      twoNodeYaml.replace('    then: apache\n', '    then: apache\n    id: apache-monitor-20s\n'),
      23,
      'order[0].id',
      /already used by an operation of resource "apache"/,
    ],
    [
      'a resource id ha-setup generates itself',
      twoNodeYaml
        .replace(/apache/g, 'cib-bootstrap-options')
        .replace('type: cib-bootstrap-options', 'type: apache'),
      15,
      'resources[1].id',
      /"cib-bootstrap-options" is used by the generated cib-bootstrap-options section; expected another id/,
    ],
    [
      'a fencing delay as long as stonith-timeout',
      `${twoNodeYaml}fencing:\n  delayMax: 60\n  timeout: 60\n`,
      24,
      'fencing.delayMax',
      /60 s is not below stonith-timeout \(60 s\); expected a delay well below it/,
    ],
    [
      'a fencing delay longer than the derived stonith-timeout',
      `${twoNodeYaml}fencing:\n  delayMax: 90\n`,
      24,
      'fencing.delayMax',
      /90 s is not below stonith-timeout \(67 s, derived from msgwait, token and consensus\)/,
    ],
    ['fencing without an sbd disk', twoNodeYaml.replace(/sbd:\n.*\n/, ''), 1, 'fencing', /no sbd section/],
  ])('rejects %s, naming the field and its line', (_what, text, line, field, message) => {
    const err = problemOf(text);
    expect(err.field).toBe(field);
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/expected/);
    expect(err.exitCode).toBe(2);
  });

  it('lists every problem at once with file:line', () => {
    const text = twoNodeYaml.replace('name: beta', 'name: alpha').replace('then: apache', 'then: nginx');
    const err = problemOf(text);
    expect(err.problems).toEqual([
      'cluster.yaml:6: nodes[1].name: duplicate node name "alpha" (also nodes[0]); expected a unique name',
      'cluster.yaml:22: order[0].then: no resource "nginx"; expected one of: clusterIP, apache',
    ]);
  });

  it('reports schema errors with the line of the field', () => {
    const err = problemOf(twoNodeYaml.replace('type: apache', 'type: apache\n    configfle: /etc/x'));
    expect(err.message).toMatch(/cluster\.yaml:17: resources\[1\]\.configfle: unknown field "configfle"/);
    const bad = problemOf(
      twoNodeYaml.replace('transport', 'x').replace('cluster: web', 'cluster: web\ntransport: tcp'),
    );
    expect(bad.message).toMatch(/cluster\.yaml:2: transport: expected one of "knet", "udpu", "udp"/);
  });
});
