// Cluster resources normalised once (class, agent, parameters, operations, meta) from the spec, so the CIB
// XML, the crm shell script and the pcs script all say the same thing.

import { FENCE_RESOURCE_ID } from './constraint-ids.js';
import { contains, formatNetwork, networkOf, prefixLength } from './net.js';
import { weighsPriorities } from './properties.js';
import type { ClusterSpec, Op, ResourceSpec } from './spec.js';
import { nodeNetworks } from './spec-rules.js';
import type { Timings } from './timings.js';

export interface Param {
  name: string;
  value: string;
  /** the spec field it came from */
  source?: string;
}

export interface OpDef {
  name: 'monitor' | 'start' | 'stop';
  interval: string;
  timeout: string;
}

export interface PrimitiveDef {
  id: string;
  cls: 'ocf' | 'stonith' | 'systemd';
  provider?: string;
  type: string;
  params: Param[];
  meta: Param[];
  ops: OpDef[];
  /** JSON pointer of the spec entry (undefined for generated resources) */
  source?: string;
  /** one line: what it is and why */
  why: string;
}

const APACHE_CONF = {
  debian: '/etc/apache2/apache2.conf',
  rhel: '/etc/httpd/conf/httpd.conf',
  suse: '/etc/apache2/httpd.conf',
} as const;

// Default operation timings (the agents' own metadata defaults, monitor a little slower for apache).
const DEFAULTS: Record<ResourceSpec['type'], { monitor: [string, string]; start: string; stop: string }> = {
  ip: { monitor: ['10s', '20s'], start: '20s', stop: '20s' },
  apache: { monitor: ['20s', '40s'], start: '40s', stop: '60s' },
  filesystem: { monitor: ['20s', '40s'], start: '60s', stop: '60s' },
  systemd: { monitor: ['60s', '100s'], start: '100s', stop: '100s' },
  ocf: { monitor: ['30s', '60s'], start: '60s', stop: '60s' },
};

function ops(type: ResourceSpec['type'], monitor: Op | undefined): OpDef[] {
  const d = DEFAULTS[type];
  return [
    {
      name: 'monitor',
      interval: monitor?.interval ?? d.monitor[0],
      timeout: monitor?.timeout ?? d.monitor[1],
    },
    { name: 'start', interval: '0s', timeout: d.start },
    { name: 'stop', interval: '0s', timeout: d.stop },
  ];
}

/** The prefix length of the node network that holds `ip` (for IPaddr2's cidr_netmask). */
export function prefixFor(spec: ClusterSpec, ip: string): number | undefined {
  return nodeNetworks(spec)
    .flat()
    .find((net) => contains(net, ip))?.prefix;
}

/** The entries of a spec map as CIB name/value pairs, each pointing back at its field under `at`. */
function nvpairs(values: Record<string, string | number | boolean> | undefined, at: string) {
  return Object.entries(values ?? {}).map(([name, v]) => ({
    name,
    value: String(v),
    source: `${at}/${name}`,
  }));
}

function primitive(spec: ClusterSpec, r: ResourceSpec, i: number): PrimitiveDef {
  const at = `/resources/${i}`;
  const meta = nvpairs(r.meta, `${at}/meta`);
  const base = { id: r.id, meta, ops: ops(r.type, r.monitor), source: at };
  switch (r.type) {
    case 'ip': {
      const prefix = r.netmask !== undefined ? prefixLength(r.netmask) : prefixFor(spec, r.ip);
      const params: Param[] = [{ name: 'ip', value: r.ip, source: `${at}/ip` }];
      if (prefix !== undefined)
        params.push({ name: 'cidr_netmask', value: String(prefix), source: `${at}/netmask` });
      if (r.nic) params.push({ name: 'nic', value: r.nic, source: `${at}/nic` });
      const network = prefix !== undefined ? networkOf(r.ip, prefix) : undefined;
      const net = network ? formatNetwork(network) : 'no node network';
      return {
        ...base,
        cls: 'ocf',
        provider: 'heartbeat',
        type: 'IPaddr2',
        params,
        why: `floating IP ${r.ip}/${prefix} on the node interface in ${net}; clients only ever use this address`,
      };
    }
    case 'apache': {
      const configfile = r.configfile ?? APACHE_CONF[spec.os];
      const statusurl = r.statusurl ?? 'http://127.0.0.1/server-status';
      return {
        ...base,
        cls: 'ocf',
        provider: 'heartbeat',
        type: 'apache',
        params: [
          { name: 'configfile', value: configfile, source: `${at}/configfile` },
          { name: 'statusurl', value: statusurl, source: `${at}/statusurl` },
        ],
        why: `Apache with ${configfile}, monitored through ${statusurl} (answer it from 127.0.0.1 only)`,
      };
    }
    case 'filesystem': {
      const params: Param[] = [
        { name: 'device', value: r.device, source: `${at}/device` },
        { name: 'directory', value: r.directory, source: `${at}/directory` },
        { name: 'fstype', value: r.fstype, source: `${at}/fstype` },
      ];
      if (r.options) params.push({ name: 'options', value: r.options, source: `${at}/options` });
      return {
        ...base,
        cls: 'ocf',
        provider: 'heartbeat',
        type: 'Filesystem',
        params,
        why: `${r.fstype} ${r.device} mounted on ${r.directory} by the cluster (keep it out of /etc/fstab)`,
      };
    }
    case 'systemd':
      return {
        ...base,
        cls: 'systemd',
        type: r.unit,
        params: [],
        why: `systemd unit ${r.unit} started by the cluster (disable it in systemd: systemctl disable ${r.unit})`,
      };
    case 'ocf': {
      const [, provider, type] = r.agent.split(':') as [string, string, string];
      const params = nvpairs(r.params, `${at}/params`);
      return { ...base, cls: 'ocf', provider, type, params, why: `OCF agent ${r.agent}` };
    }
  }
}

/** The fencing resource for sbd (not cloned: sbd(8) says one instance is enough). */
export function fencingResource(spec: ClusterSpec, t: Timings): PrimitiveDef | undefined {
  if (!spec.sbd || !spec.fencing.enabled) return undefined;
  const params: Param[] =
    spec.fencing.agent === 'fence_sbd'
      ? [{ name: 'devices', value: spec.sbd.devices.join(','), source: '/sbd/devices' }]
      : [{ name: 'sbd_device', value: spec.sbd.devices.join(';'), source: '/sbd/devices' }];
  if (t.delayMax > 0)
    params.push({ name: 'pcmk_delay_max', value: `${t.delayMax}s`, source: '/fencing/delayMax' });
  return {
    id: FENCE_RESOURCE_ID,
    cls: 'stonith',
    type: spec.fencing.agent,
    params,
    // the fencing device says nothing about which node matters more (priority-fencing-delay)
    meta: weighsPriorities(spec, t) ? [{ name: 'priority', value: '0', source: '/fencing/delayMax' }] : [],
    ops: [{ name: 'monitor', interval: '3600s', timeout: '120s' }],
    source: '/sbd',
    why: `stonith:${spec.fencing.agent} on ${spec.sbd.devices.join(', ')}, one instance (not cloned as in 2010)${t.delayMax ? `, random delay up to ${t.delayMax}s so two nodes never fence each other at once` : ''}`,
  };
}

export function primitives(spec: ClusterSpec, t: Timings): PrimitiveDef[] {
  const fence = fencingResource(spec, t);
  return [...(fence ? [fence] : []), ...spec.resources.map((r, i) => primitive(spec, r, i))];
}

export { colocationId, locationId, orderId } from './constraint-ids.js';
