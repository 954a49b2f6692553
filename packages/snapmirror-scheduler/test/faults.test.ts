// Every fault the simulator can inject, during a run: reported, survived, never a crash or a hang.

import type { InjectedFault } from '@opskit/ontap-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runSchedule } from '../src/runner.js';
import { GiB, type Harness, harness, linesFor, pairScenario } from './support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const FAULTS: [string, InjectedFault, boolean][] = [
  ['a connection reset', { kind: 'reset', count: 3 }, true],
  ['HTTP 503 answers', { kind: 'http-error', status: 503, count: 2 }, true],
  ['malformed answers', { kind: 'malformed', count: 2 }, true],
  ['a slow answer', { kind: 'slow', delayMs: 300, count: 2 }, false],
  ['wrong credentials for a while', { kind: 'wrong-credentials', count: 2 }, true],
];

describe.each(['rest', '7mode', 'cluster-zapi'] as const)('faults on a %s filer', (dialect) => {
  it.each(FAULTS)('keeps running through %s and finishes every transfer', async (_name, fault, reported) => {
    const scenario = pairScenario(dialect, [2 * GiB, 2 * GiB, 3 * GiB, 3 * GiB, 4 * GiB, 4 * GiB]);
    h = await harness(scenario, 'defaultRateKBps: 10240\nlimits:\n  perFiler: { business: 1, offHours: 2 }', {
      dr1: linesFor(scenario, 'dr1'),
      dr2: linesFor(scenario, 'dr2'),
    });
    const sim = h.sim;
    let injected = false;
    const summary = await runSchedule({
      config: h.config,
      specs: h.specs,
      clients: await h.clients(),
      clock: h.clock,
      onTick: () => {
        if (!injected) {
          injected = true;
          sim.inject('dr1', fault);
        }
      },
    });
    expect(summary.counts).toMatchObject({ succeeded: 6, failed: 0 });
    expect(sim.transfers()).toHaveLength(6); // nothing launched twice because of the fault
    const errors = summary.events.filter((e) => e.type === 'poll-error' || e.type === 'launch-error');
    if (reported) expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.filer).toBe('dr1');
    expect(JSON.stringify(summary)).not.toContain('secret-dr1');
  });
});
