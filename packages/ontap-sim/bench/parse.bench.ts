// Parsing a 1,000-relationship status response in each dialect (time per response, relationships per
// second, as a ratio to a plain JSON.parse of the REST body measured in the same run), and the poll
// cost in requests per filer for 1,000 relationships.
import {
  clientFor,
  createSnapMirrorClient,
  type HttpAnswer,
  type HttpCall,
  OntapHttp,
  parseClusterIter,
  parseRestRelationship,
  parseSevenModeStatus,
  type RestRelationshipRecord,
  readZapiResults,
  resolveFilerConfig,
  VirtualClock,
} from '@opskit/core';
import { type Scenario, startSimulator } from '@opskit/ontap-sim';
import { it } from 'vitest';

const N = 1000;

function scenario(): Scenario {
  const relationships: NonNullable<Scenario['relationships']> = [];
  for (let i = 0; i < N; i++) {
    const common = {
      pendingBytes: 5e9 + i,
      lagSeconds: 3600 + i,
      lastTransferBytes: 1e9 + i,
      lastTransferSeconds: 60,
    };
    relationships.push({ source: `src7:vol${i}`, destination: `f7:vol${i}_dst`, ...common });
    relationships.push({ source: `svmsrc:vol${i}`, destination: `svmc:vol${i}_dst`, ...common });
    relationships.push({ source: `svmsrc:vol${i}`, destination: `svmr:vol${i}_dst`, ...common });
  }
  return {
    filers: [
      { name: 'f7', dialect: '7mode', maxConcurrentTransfers: 50 },
      { name: 'fc', dialect: 'cluster-zapi', svms: ['svmc'], maxConcurrentTransfers: 100 },
      { name: 'fr', dialect: 'rest', svms: ['svmr'], maxConcurrentTransfers: 100 },
    ],
    relationships,
  };
}

/** The real transport, keeping every answer it received. */
class RecordingHttp extends OntapHttp {
  readonly answers: HttpAnswer[] = [];

  override async send(call: HttpCall): Promise<HttpAnswer> {
    const answer = await super.send(call);
    this.answers.push(answer);
    return answer;
  }
}

function time(iterations: number, fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn();
  const t = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - t) / iterations;
}

it('parses 1,000-relationship status responses per dialect; one request per filer per poll', async () => {
  const clock = new VirtualClock();
  const sim = await startSimulator({ scenario: scenario(), clock });
  try {
    // some transfers running and queued, so progress fields are present
    for (const name of ['f7', 'fc', 'fr'] as const) {
      const c = await createSnapMirrorClient(sim.clientConfig(name));
      const rels = await c.listRelationships();
      for (const r of rels.slice(0, 150))
        await c.startTransfer({ destination: r.destination, kind: 'update', maxRateKBps: 10_000 });
    }
    await clock.advance(30_000);

    // the status bodies the real clients ask for (their own requests, fields and page sizes), as received
    const statusBody = async (name: string) => {
      const config = resolveFilerConfig(sim.clientConfig(name));
      const http = new RecordingHttp(config, config.credentials!);
      const rels = await clientFor(sim.endpoint(name).dialect, config, http).listRelationships();
      if (http.answers.length !== 1) throw new Error(`${name}: ${http.answers.length} requests, expected 1`);
      if (rels.length !== N) throw new Error(`${name}: listed ${rels.length} relationships, expected ${N}`);
      return http.answers[0]!.body;
    };
    const body7 = await statusBody('f7');
    const bodyC = await statusBody('fc');
    const bodyR = await statusBody('fr');

    const check = (n: number, what: string) => {
      if (n !== N) throw new Error(`${what}: parsed ${n} relationships, expected ${N}`);
    };
    check(parseSevenModeStatus(readZapiResults('f7', 'snapmirror-get-status', body7)).length, '7-Mode');
    check(parseClusterIter(readZapiResults('fc', 'snapmirror-get-iter', bodyC)).length, 'clustered');

    const iterations = 30;
    const baseline = time(iterations, () => JSON.parse(bodyR));
    const rows: [string, number, number][] = [
      [
        '7-Mode snapmirror-get-status',
        body7.length,
        time(iterations, () => parseSevenModeStatus(readZapiResults('f7', 'x', body7))),
      ],
      [
        'clustered snapmirror-get-iter',
        bodyC.length,
        time(iterations, () => parseClusterIter(readZapiResults('fc', 'x', bodyC))),
      ],
      [
        'REST /api/snapmirror/relationships',
        bodyR.length,
        time(iterations, () =>
          (JSON.parse(bodyR) as { records: RestRelationshipRecord[] }).records.map(parseRestRelationship),
        ),
      ],
    ];
    console.log(
      `ontap parse, ${N} relationships per response (baseline: JSON.parse of the REST body = ${baseline.toFixed(2)} ms):`,
    );
    for (const [name, bytes, ms] of rows) {
      console.log(
        `  ${name.padEnd(36)} ${(bytes / 1024).toFixed(0).padStart(5)} KiB  ${ms.toFixed(2).padStart(7)} ms/response  ${Math.round(
          (N / ms) * 1000,
        )
          .toLocaleString('en-US')
          .padStart(9)} relationships/s  ratio ${(ms / baseline).toFixed(1)}x baseline`,
      );
    }

    const polls = 5;
    for (const name of ['f7', 'fc', 'fr'] as const) {
      const c = await createSnapMirrorClient(sim.clientConfig(name));
      const before = sim.requestCounts()[name]!;
      const t = performance.now();
      for (let i = 0; i < polls; i++) {
        const rels = await c.listRelationships();
        check(rels.length, name);
      }
      const ms = (performance.now() - t) / polls;
      const perPoll = (sim.requestCounts()[name]! - before) / polls;
      console.log(
        `  poll cost ${c.dialect.padEnd(12)} ${perPoll} request(s) per poll for ${N} relationships, ${ms.toFixed(1)} ms per poll end to end (simulator included)`,
      );
      if (perPoll !== 1) throw new Error(`${name}: ${perPoll} requests per poll, expected 1`);
    }
  } finally {
    await sim.close();
  }
});
