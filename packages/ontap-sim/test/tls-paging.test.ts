// HTTPS with a self-signed certificate made in the test, and paging across several pages.
import {
  createLogger,
  createSnapMirrorClient,
  OntapProtocolError,
  OntapTransportError,
  VirtualClock,
} from '@opskit/core';
import { type Scenario, type Simulator, startSimulator } from '@opskit/ontap-sim';
import { makeSelfSignedCert, type SelfSignedCert } from '@opskit/testkit/tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDatedCert } from './dated-cert.js';

function many(n: number): Scenario {
  const relationships: NonNullable<Scenario['relationships']> = [];
  for (let i = 0; i < n; i++) {
    relationships.push({ source: `src:v${i}`, destination: `f7:d${i}`, pendingBytes: 1 });
    relationships.push({ source: `src:v${i}`, destination: `svc:d${i}`, pendingBytes: 1 });
    relationships.push({ source: `src:v${i}`, destination: `svr:d${i}`, pendingBytes: 1 });
  }
  return {
    filers: [
      { name: 'f7', dialect: '7mode' },
      { name: 'fc', dialect: 'cluster-zapi', svms: ['svc'] },
      { name: 'fr', dialect: 'rest', svms: ['svr'] },
    ],
    relationships,
  };
}

describe('HTTPS', () => {
  let cert: SelfSignedCert;
  let sim: Simulator;
  beforeAll(async () => {
    cert = makeSelfSignedCert();
    sim = await startSimulator({
      scenario: many(2),
      clock: new VirtualClock(),
      tls: { key: cert.key, cert: cert.cert },
    });
  });
  afterAll(async () => {
    await sim?.close();
    cert?.remove();
  });

  it.each(['f7', 'fc', 'fr'])(
    '%s: verifies the filer certificate against the CA file and works',
    async (filer) => {
      expect(sim.endpoint(filer).protocol).toBe('https');
      const c = await createSnapMirrorClient(
        sim.clientConfig(filer, { caFile: cert.certFile, dialect: 'auto' }),
      );
      expect(await c.listRelationships()).toHaveLength(2);
    },
  );

  it.each(['f7', 'fr'])(
    '%s: without the CA the verification failure is a clear, non-retried error',
    async (filer) => {
      const c = await createSnapMirrorClient(sim.clientConfig(filer));
      const before = sim.requestCounts()[filer]!;
      const err = await c.listRelationships().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OntapTransportError);
      expect(err).toMatchObject({ transient: false });
      expect((err as Error).message).toMatch(
        /TLS certificate verification failed: DEPTH_ZERO_SELF_SIGNED_CERT/,
      );
      expect((err as OntapTransportError).hint).toMatch(/caFile/);
      expect(sim.requestCounts()[filer]!).toBe(before);
    },
  );

  it('with insecure: true it connects and logs a warning', async () => {
    const lines: string[] = [];
    const log = createLogger({ stream: { write: (s: string) => lines.push(s) } });
    const c = await createSnapMirrorClient(sim.clientConfig('fc', { insecure: true }), { log });
    expect(await c.listRelationships()).toHaveLength(2);
    expect(lines.join('')).toMatch(/WARN .*TLS certificate verification is OFF/);
  });
});

describe('HTTPS with a certificate outside its validity dates', () => {
  it.each([
    ['not yet valid', '20991231000000Z', '21000101000000Z', 'CERT_NOT_YET_VALID'],
    ['expired', '20000101000000Z', '20000102000000Z', 'CERT_HAS_EXPIRED'],
  ])(
    '%s: a clear verification failure, not retried, even with the right CA',
    async (_what, from, to, code) => {
      const dated = makeDatedCert(from, to);
      const sim = await startSimulator({
        scenario: many(1),
        clock: new VirtualClock(),
        tls: { key: dated.key, cert: dated.cert },
      });
      try {
        const lines: string[] = [];
        const log = createLogger({ level: 'debug', stream: { write: (s: string) => lines.push(s) } });
        for (const filer of ['f7', 'fc', 'fr']) {
          const c = await createSnapMirrorClient(
            sim.clientConfig(filer, { caFile: dated.caFile, retries: 3 }),
            {
              log,
            },
          );
          const err = await c.listRelationships().catch((e: unknown) => e);
          expect(err).toBeInstanceOf(OntapTransportError);
          expect(err).toMatchObject({ transient: false, maybeDelivered: false });
          expect((err as Error).message).toMatch(new RegExp(`TLS certificate verification failed: ${code}`));
          expect((err as OntapTransportError).hint).toMatch(/validity dates.*clocks.*caFile/);
          expect(sim.requestCounts()[filer]).toBe(0);
        }
        expect(lines.join('')).not.toMatch(/retrying/);
      } finally {
        await sim.close();
        dated.remove();
      }
    },
  );
});

describe('paging and poll cost', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: many(1000), clock: new VirtualClock() });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it.each([
    ['fc', 300, 4],
    ['fr', 300, 4],
  ])(
    '%s: follows pages of %i records to the end (%i requests), no record lost or repeated',
    async (filer, pageSize, pages) => {
      const c = await createSnapMirrorClient(sim.clientConfig(filer, { pageSize }));
      const before = sim.requestCounts()[filer]!;
      const rels = await c.listRelationships();
      expect(sim.requestCounts()[filer]! - before).toBe(pages);
      expect(new Set(rels.map((r) => r.destination)).size).toBe(1000);
    },
  );

  it.each([
    ['fc', /page 2 gives back the next-tag "snapmirror-get-iter:300" of an earlier page/],
    ['fr', /paging loops back to .*start\.uuid=/],
  ])(
    '%s: a filer that repeats a paging tag is a protocol error, not endless paging',
    async (filer, message) => {
      const c = await createSnapMirrorClient(sim.clientConfig(filer, { pageSize: 300 }));
      sim.inject(filer, { kind: 'repeat-tag' });
      const before = sim.requestCounts()[filer]!;
      const err = await c.listRelationships().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OntapProtocolError);
      expect((err as Error).message).toMatch(message);
      // page 1, then page 2 naming itself as the next page: stopped there
      expect(sim.requestCounts()[filer]! - before).toBe(2);
      // the fault was used up: the next poll pages normally
      expect(await c.listRelationships()).toHaveLength(1000);
    },
  );

  it.each(['f7', 'fc', 'fr'])(
    '%s: 1,000 relationships cost one request per poll with default page sizes',
    async (filer) => {
      const c = await createSnapMirrorClient(sim.clientConfig(filer));
      const before = sim.requestCounts()[filer]!;
      expect(await c.listRelationships()).toHaveLength(1000);
      expect(sim.requestCounts()[filer]! - before).toBe(1);
    },
  );
});
