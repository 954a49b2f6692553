// The cluster spec as the rest of the package sees it, and its loader: YAML or JSON read with core's
// loadStructuredFile, shape-checked against the published schema, then cross-field rules (spec-rules.ts).
import {
  ConfigError,
  type LoadedDocument,
  loadStructuredFile,
  parseStructured,
  validateDocument,
} from '@opskit/core';
import { clusterSpecSchema } from './schema.js';
import { checkSpecRules } from './spec-rules.js';

export type Netmask = number | string;
export type Transport = 'knet' | 'udpu' | 'udp';

export interface NodeSpec {
  name: string;
  id?: number;
  addresses: string[];
  netmask?: Netmask;
}

export interface Op {
  interval?: string;
  timeout?: string;
}

interface ResourceBase {
  id: string;
  monitor?: Op;
  meta?: Record<string, string | number | boolean>;
}
export interface IpResource extends ResourceBase {
  type: 'ip';
  ip: string;
  netmask?: Netmask;
  nic?: string;
}
export interface ApacheResource extends ResourceBase {
  type: 'apache';
  configfile?: string;
  statusurl?: string;
}
export interface FilesystemResource extends ResourceBase {
  type: 'filesystem';
  device: string;
  directory: string;
  fstype: string;
  options?: string;
}
export interface SystemdResource extends ResourceBase {
  type: 'systemd';
  unit: string;
}
export interface OcfResource extends ResourceBase {
  type: 'ocf';
  agent: string;
  params?: Record<string, string | number | boolean>;
}
export type ResourceSpec = IpResource | ApacheResource | FilesystemResource | SystemdResource | OcfResource;

export interface ClusterSpec {
  cluster: string;
  os: 'debian' | 'rhel' | 'suse';
  stack: 'corosync3' | 'legacy';
  transport: Transport;
  netmask?: Netmask;
  nodes: NodeSpec[];
  twoNode: 'auto' | boolean;
  waitForAll?: boolean;
  crypto?: { cipher: string; hash: string };
  multicast?: { address?: string; port?: number };
  totem: { token: number; consensus?: number };
  logging: { facility: string; file: string; rotate: number };
  sbd?: {
    devices: string[];
    watchdog: string;
    watchdogTimeout: number;
    msgwait?: number;
    startMode: 'always' | 'clean';
    delayStart: 'auto' | 'no' | number;
  };
  fencing: { enabled: boolean; agent: 'fence_sbd' | 'external/sbd'; delayMax?: number; timeout?: number };
  properties: {
    noQuorumPolicy?: string;
    recheckInterval: string;
    peInputSeriesMax: number;
    peWarnSeriesMax: number;
    peErrorSeriesMax: number;
  };
  stickiness: number;
  migrationThreshold?: number;
  resources: ResourceSpec[];
  order: { id?: string; first: string; then: string; kind: 'Mandatory' | 'Optional' | 'Serialize' }[];
  colocation: { id?: string; rsc: string; with: string; score: 'INFINITY' | '-INFINITY' | number }[];
  location: { id?: string; rsc: string; node: string; score: 'INFINITY' | '-INFINITY' | number }[];
  bootGuard: { enabled: boolean; maxBootsPerDay: number; scriptPath: string };
}

/** A validated spec plus where each field came from (for messages that point back at the spec). */
export interface LoadedSpec {
  spec: ClusterSpec;
  file: string;
  /** "file:line" of a JSON pointer ("/resources/2/ip"), or the file alone. */
  where(pointer: string): string;
  lineOf(pointer: string): number | undefined;
}

function finish(doc: LoadedDocument<unknown>): LoadedSpec {
  const valid = validateDocument<ClusterSpec>(doc, clusterSpecSchema as unknown as object);
  const spec = valid.data;
  // node ids: explicit ones are kept, missing ones take the lowest free numbers
  const used = new Set(spec.nodes.map((n) => n.id).filter((n): n is number => n !== undefined));
  let next = 1;
  for (const node of spec.nodes) {
    if (node.id !== undefined) continue;
    while (used.has(next)) next++;
    node.id = next;
    used.add(next);
  }
  const problems = checkSpecRules(spec);
  const loaded: LoadedSpec = {
    spec,
    file: doc.file,
    lineOf: (p) => doc.lineOf(p),
    where: (p) => {
      const line = doc.lineOf(p);
      return line ? `${doc.file}:${line}` : doc.file;
    },
  };
  if (problems.length) {
    const lines = problems.map((p) => `${loaded.where(p.pointer)}: ${p.field}: ${p.message}`);
    if (problems.length === 1) {
      const only = problems[0]!;
      throw new ConfigError(
        only.message,
        { file: doc.file, line: doc.lineOf(only.pointer), field: only.field },
        { problems: lines },
      );
    }
    throw new ConfigError(`${problems.length} problems:\n  ${lines.join('\n  ')}`, {}, { problems: lines });
  }
  return loaded;
}

/** Reads and checks a cluster spec file; throws ConfigError naming file:line, the field and what was expected. */
export function loadClusterSpec(file: string): LoadedSpec {
  return finish(loadStructuredFile(file));
}

/** The same from text (tests, stdin). */
export function parseClusterSpec(text: string, file = '<spec>'): LoadedSpec {
  return finish(parseStructured(text, file));
}
