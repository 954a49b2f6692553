// `simulate`: crm_simulate on the generated CIB. First every node comes up (where does each resource
// run?), then each node fails in turn (where does it move, does anything run twice or stop?).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Executor, exec, RemoteError } from '@opskit/core';
import { renderCib } from './cib.js';
import type { Plan } from './plan.js';
import { clusterProperties } from './properties.js';
import { primitives } from './resources.js';
import { attributes } from './xml.js';

export interface Placement {
  /** resource id -> nodes it runs on (empty: stopped) */
  [resource: string]: string[];
}

export interface Scenario {
  /** "all nodes up" or the failed node */
  name: string;
  failed?: string;
  /** whether the nodes left keep quorum (votequorum: a majority of votes, or one of two with two_node) */
  quorum: boolean;
  placement: Placement;
  /** resources that moved compared to the all-up placement */
  moved: string[];
  /** resources that run on more than one node */
  duplicated: string[];
  /** resources that run nowhere */
  stopped: string[];
  fenced: string[];
}

export interface SimulationReport {
  cluster: string;
  ok: boolean;
  /** what a partition without quorum does (the CIB's no-quorum-policy) */
  noQuorumPolicy: string;
  resources: string[];
  scenarios: Scenario[];
}

/** Reads `crm_simulate --output-as=xml` cluster status: where each resource is active. */
export function parseStatusXml(xml: string): Placement {
  const out: Placement = {};
  for (const m of xml.matchAll(/<resource\b([^>]*?)(\/>|>([\s\S]*?)<\/resource>)/g)) {
    const a = attributes(m[1]!);
    const id = a['id'];
    if (!id) continue;
    const nodes = [...(m[3] ?? '').matchAll(/<node\b[^>]*>/g)]
      .map((n) => attributes(n[0])['name'] ?? '')
      .filter(Boolean);
    out[id] = [...(out[id] ?? []), ...(a['active'] === 'true' ? nodes : [])];
  }
  return out;
}

async function simulateStep(
  run: Executor['run'],
  input: string,
  output: string,
  mods: string[],
  quorum: boolean,
): Promise<string[]> {
  const r = await run('crm_simulate', ['-x', input, '-q', quorum ? '1' : '0', ...mods, '-S', '-O', output], {
    reject: false,
    timeoutMs: 120_000,
  });
  if (r.exitCode !== 0)
    throw new RemoteError(
      'crm_simulate',
      `exited with ${r.exitCode}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`,
    );
  return [...r.stdout.matchAll(/Fence \(\w+\) (\S+)/g)].map((m) => m[1]!);
}

/** crm_simulate lists resources by priority; the report keeps the CIB's order. */
async function placementOf(run: Executor['run'], cib: string, order: string[]): Promise<Placement> {
  const r = await run('crm_simulate', ['-x', cib, '--output-as=xml'], { reject: false, timeoutMs: 120_000 });
  if (r.exitCode !== 0)
    throw new RemoteError('crm_simulate', `exited with ${r.exitCode}: ${r.stderr.trim()}`);
  const found = parseStatusXml(r.stdout);
  const ids = [
    ...order.filter((id) => id in found),
    ...Object.keys(found).filter((id) => !order.includes(id)),
  ];
  return Object.fromEntries(ids.map((id) => [id, found[id]!]));
}

/**
 * Whether `survivors` of the spec's nodes keep quorum. Every node has one vote (expected_votes = nodes);
 * votequorum wants a majority, except that two_node lets one of two nodes keep quorum (wait_for_all only
 * matters at start-up, when every node is up). The legacy plugin stack has no two_node.
 */
export function keepsQuorum(plan: Plan, survivors: number): boolean {
  const expected = plan.spec.nodes.length;
  if (plan.spec.stack !== 'legacy' && plan.timings.twoNode && expected === 2) return survivors >= 1;
  return survivors > expected / 2;
}

function judge(
  name: string,
  quorum: boolean,
  placement: Placement,
  base: Placement | undefined,
  fenced: string[],
  failed?: string,
): Scenario {
  const ids = Object.keys(placement);
  return {
    name,
    ...(failed ? { failed } : {}),
    quorum,
    placement,
    moved: base ? ids.filter((id) => (base[id] ?? []).join() !== (placement[id] ?? []).join()) : [],
    duplicated: ids.filter((id) => (placement[id] ?? []).length > 1),
    stopped: ids.filter((id) => (placement[id] ?? []).length === 0),
    fenced,
  };
}

/**
 * Runs the scenarios, each with the quorum the nodes left would have (keepsQuorum): without it,
 * no-quorum-policy decides what the survivors do (stop, by default: the resources stop).
 */
export async function simulatePlan(
  plan: Plan,
  options: { run?: Executor['run'] } = {},
): Promise<SimulationReport> {
  const run = options.run ?? exec;
  const work = mkdtempSync(join(tmpdir(), 'ha-setup-simulate-'));
  try {
    const nodes = plan.spec.nodes.map((n) => n.name);
    const order = primitives(plan.spec, plan.timings).map((p) => p.id);
    const input = join(work, 'cib.xml');
    writeFileSync(input, renderCib(plan.spec, plan.timings, { emptyNodes: true }));
    const up = join(work, 'up.xml');
    await simulateStep(
      run,
      input,
      up,
      nodes.flatMap((n) => ['-u', n]),
      true,
    );
    const base = await placementOf(run, up, order);
    const scenarios = [judge('all nodes up', true, base, undefined, [])];
    if (nodes.length > 1) {
      const quorum = keepsQuorum(plan, nodes.length - 1);
      for (const node of nodes) {
        const after = join(work, `fail-${node}.xml`);
        const fenced = await simulateStep(run, up, after, ['-f', node], quorum);
        const placement = await placementOf(run, after, order);
        scenarios.push(judge(`${node} fails`, quorum, placement, base, fenced, node));
      }
    }
    const ok = scenarios.every(
      (s) =>
        s.duplicated.length === 0 &&
        s.stopped.length === 0 &&
        !(s.failed && Object.values(s.placement).some((n) => n.includes(s.failed!))),
    );
    const noQuorumPolicy =
      clusterProperties(plan.spec, plan.timings).find((p) => p.name === 'no-quorum-policy')?.value ?? 'stop';
    return { cluster: plan.cluster, ok, noQuorumPolicy, resources: Object.keys(base), scenarios };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
