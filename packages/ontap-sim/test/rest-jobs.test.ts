// A REST filer that answers POST .../transfers with 202 and a job: the client waits for the job, and
// a job that ends in failure is the refusal.
import { createSnapMirrorClient, OntapApiError, VirtualClock } from '@opskit/core';
import { type Simulator, startSimulator } from '@opskit/ontap-sim';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MiB } from './scenarios.js';

let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({
    clock: new VirtualClock(),
    scenario: {
      filers: [{ name: 'fr', dialect: 'rest', svms: ['svr'], restTransferJobs: true }],
      relationships: [{ source: 'src:v', destination: 'svr:dst', pendingBytes: 100 * MiB }],
    },
  });
});
afterEach(async () => {
  await sim.close();
});

it('waits for the job of a 202 answer before startTransfer returns', async () => {
  const c = await createSnapMirrorClient(sim.clientConfig('fr'));
  await c.listRelationships();
  const before = sim.requestCounts()['fr']!;
  await c.startTransfer({ destination: 'svr:dst', kind: 'update', maxRateKBps: 1024 });
  // the POST, the job while running, the job at its end
  expect(sim.requestCounts()['fr']! - before).toBe(3);
  expect(sim.transfers()).toHaveLength(1);
  expect(sim.transfers()[0]).toMatchObject({ destination: 'svr:dst', state: 'transferring' });
});

it('a job that ends in failure rejects the start with the filer message and code', async () => {
  const c = await createSnapMirrorClient(sim.clientConfig('fr'));
  await c.startTransfer({ destination: 'svr:dst', kind: 'update', maxRateKBps: 1024 });
  const err = await c.startTransfer({ destination: 'svr:dst', kind: 'update' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OntapApiError);
  expect(err).toMatchObject({ code: 'E_ONTAP_JOB', transient: false });
  expect((err as Error).message).toMatch(/job [0-9a-f-]{36} failed: Transfer failed: .*\(code 13303844\)$/);
  expect(sim.transfers()).toHaveLength(1);
});
