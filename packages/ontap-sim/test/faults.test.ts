// Every fault the simulator injects gives the client a typed error or a retry, never a crash or a hang.
import {
  createLogger,
  createSnapMirrorClient,
  type OntapDialect,
  OntapProtocolError,
  OntapTransportError,
  type SnapMirrorClient,
  VirtualClock,
} from '@opskit/core';
import { type Scenario, type Simulator, startSimulator } from '@opskit/ontap-sim';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MiB } from './scenarios.js';

const PASSWORDS = { '7mode': 'pw-7mode-Xq9', 'cluster-zapi': 'pw-cluster-Zr4', rest: 'pw-rest-Wv2' } as const;

function scenario(): Scenario {
  return {
    filers: [
      { name: 'f7', dialect: '7mode', credentials: { username: 'root', password: PASSWORDS['7mode'] } },
      {
        name: 'fc',
        dialect: 'cluster-zapi',
        svms: ['svc'],
        credentials: { username: 'admin', password: PASSWORDS['cluster-zapi'] },
      },
      {
        name: 'fr',
        dialect: 'rest',
        svms: ['svr'],
        credentials: { username: 'admin', password: PASSWORDS.rest },
      },
    ],
    relationships: [
      { source: 'src:v', destination: 'f7:dst', pendingBytes: 100 * MiB },
      { source: 'src:v', destination: 'svc:dst', pendingBytes: 100 * MiB },
      { source: 'src:v', destination: 'svr:dst', pendingBytes: 100 * MiB },
    ],
  };
}

const CASES: [OntapDialect, string, string][] = [
  ['7mode', 'f7', 'f7:dst'],
  ['cluster-zapi', 'fc', 'svc:dst'],
  ['rest', 'fr', 'svr:dst'],
];

/** Per dialect: a field, a value of the wrong kind for it, and what the error must say. */
const BAD_VALUES: Record<OntapDialect, [string, string | number, RegExp][]> = {
  '7mode': [
    [
      'lag-time',
      'abc',
      /^f7 \(http:\/\/127\.0\.0\.1:\d+\): snapmirror-get-status: snapmirror-status-info of f7:dst: <lag-time> holds "abc", expected a decimal number$/,
    ],
    ['last-transfer-size', '1,2', /f7:dst: <last-transfer-size> holds "1,2", expected a decimal number$/],
  ],
  'cluster-zapi': [
    [
      'lag-time',
      'abc',
      /^fc \(http:\/\/127\.0\.0\.1:\d+\): snapmirror-get-iter: snapmirror-info of svc:dst: <lag-time> holds "abc", expected a decimal number$/,
    ],
    ['last-transfer-size', '1,2', /svc:dst: <last-transfer-size> holds "1,2", expected a decimal number$/],
  ],
  rest: [
    [
      'lag_time',
      42,
      /^fr \(http:\/\/127\.0\.0\.1:\d+\): GET \/api\/snapmirror\/relationships: record [0-9a-f-]{36}: lag_time holds 42, expected an ISO-8601 duration string/,
    ],
    [
      'transfer.bytes_transferred',
      '12',
      /: transfer\.bytes_transferred holds "12", expected a non-negative JSON number$/,
    ],
  ],
};

let sim: Simulator;
let clock: VirtualClock;
beforeEach(async () => {
  clock = new VirtualClock();
  sim = await startSimulator({ scenario: scenario(), clock });
});
afterEach(async () => {
  await sim.close();
});

function client(filer: string, overrides: Record<string, unknown> = {}): Promise<SnapMirrorClient> {
  return createSnapMirrorClient(sim.clientConfig(filer, { retryDelayMs: 10, ...overrides }));
}

describe.each(CASES)('%s', (_dialect, filer, destination) => {
  it('retries a read after a connection reset and then succeeds', async () => {
    const c = await client(filer);
    sim.inject(filer, { kind: 'reset', count: 1 });
    const before = sim.requestCounts()[filer]!;
    expect(await c.listRelationships()).toHaveLength(1);
    expect(sim.requestCounts()[filer]! - before).toBe(2);
  });

  it('gives up after the configured retries with a transient transport error', async () => {
    const c = await client(filer, { retries: 2 });
    sim.inject(filer, { kind: 'reset', count: 0 });
    const before = sim.requestCounts()[filer]!;
    const err = await c.listRelationships().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapTransportError);
    expect(err).toMatchObject({ transient: true, maybeDelivered: true });
    expect(sim.requestCounts()[filer]! - before).toBe(3);
  });

  it('never repeats a transfer start whose connection was reset', async () => {
    const c = await client(filer);
    await c.listRelationships();
    sim.inject(filer, {
      kind: 'reset',
      count: 1,
      api: filer === 'fr' ? '/api/snapmirror/relationships/' : 'snapmirror-update',
    });
    const before = sim.requestCounts()[filer]!;
    await expect(c.startTransfer({ destination, kind: 'update' })).rejects.toBeInstanceOf(
      OntapTransportError,
    );
    expect(sim.requestCounts()[filer]! - before).toBe(1);
    expect(sim.transfers()).toHaveLength(0);
  });

  it('a reset after the filer started the transfer: a transient error and no second start', async () => {
    const c = await client(filer);
    await c.listRelationships();
    sim.inject(filer, {
      kind: 'reset-after',
      api: filer === 'fr' ? '/api/snapmirror/relationships/' : 'snapmirror-update',
    });
    const before = sim.requestCounts()[filer]!;
    const err = await c.startTransfer({ destination, kind: 'update' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapTransportError);
    expect(err).toMatchObject({ transient: true, maybeDelivered: true });
    expect(sim.requestCounts()[filer]! - before).toBe(1);
    // the call ran: exactly one transfer, and the next poll sees it
    expect(sim.transfers()).toHaveLength(1);
    expect(sim.transfers()[0]).toMatchObject({ destination });
    expect((await c.listRelationships())[0]).toMatchObject({ transferring: true });
    expect(sim.transfers()).toHaveLength(1);
  });

  it('a read whose answer was lost after processing is retried and succeeds', async () => {
    const c = await client(filer);
    sim.inject(filer, { kind: 'reset-after' });
    const before = sim.requestCounts()[filer]!;
    expect(await c.listRelationships()).toHaveLength(1);
    expect(sim.requestCounts()[filer]! - before).toBe(2);
  });

  it('reports an HTTP 5xx as a transient protocol error without repeating the call', async () => {
    const c = await client(filer);
    sim.inject(filer, { kind: 'http-error', status: 503 });
    const before = sim.requestCounts()[filer]!;
    const err = await c.listRelationships().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapProtocolError);
    expect(err).toMatchObject({ transient: true, message: expect.stringContaining('503') });
    expect(sim.requestCounts()[filer]! - before).toBe(1);
  });

  it('reports a malformed answer with what was expected', async () => {
    const c = await client(filer);
    sim.inject(filer, { kind: 'malformed' });
    const err = await c.listRelationships().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapProtocolError);
    expect((err as Error).message).toMatch(
      filer === 'fr'
        ? /not valid JSON.*expected a JSON object/
        : /not well-formed XML.*expected a <netapp> document/,
    );
  });

  it.each(BAD_VALUES[_dialect])(
    'reports %s holding %j as a protocol error naming the field and what it should hold',
    async (field, value, message) => {
      const c = await client(filer);
      // a finished transfer, so that every dialect reports the last transfer's size
      await c.startTransfer({ destination, kind: 'update' });
      await clock.advance(60_000);
      expect((await c.listRelationships())[0]).toMatchObject({ transferring: false });
      sim.inject(filer, { kind: 'bad-field', field, value });
      const before = sim.requestCounts()[filer]!;
      const err = await c.listRelationships().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OntapProtocolError);
      expect(err).toMatchObject({ transient: false });
      expect((err as Error).message).toMatch(message);
      expect(sim.requestCounts()[filer]! - before).toBe(1);
      expect(await c.listRelationships()).toHaveLength(1);
    },
  );

  it('times out a slow answer and retries the read', async () => {
    const c = await client(filer, { requestTimeoutMs: 1000 });
    sim.inject(filer, { kind: 'slow', delayMs: 10_000, count: 1 });
    expect(await c.listRelationships()).toHaveLength(1);
    sim.inject(filer, { kind: 'slow', delayMs: 10_000, count: 0 });
    const err = await (await client(filer, { requestTimeoutMs: 1000, retries: 0 }))
      .listRelationships()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapTransportError);
    expect((err as Error).message).toMatch(/no answer within 1000 ms/);
  });

  it('turns wrong credentials into an auth error that never shows the password', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', stream: { write: (s: string) => lines.push(s) } });
    const config = sim.clientConfig(filer);
    const c = await createSnapMirrorClient(
      { ...config, credentials: { username: 'root', password: 'wrong-Pw-123' } },
      { log },
    );
    const err = await c.listRelationships().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth' });
    const text = `${(err as Error).message} ${(err as { hint?: string }).hint} ${JSON.stringify(err)} ${lines.join('')}`;
    expect(text).not.toContain('wrong-Pw-123');
    expect(text).not.toContain(Buffer.from('root:wrong-Pw-123').toString('base64'));
    // and the injected fault: right password, the filer still says no
    sim.inject(filer, { kind: 'wrong-credentials' });
    const good = await client(filer);
    const err2 = await good.listRelationships().catch((e: unknown) => e);
    expect(err2).toMatchObject({ kind: 'auth' });
    expect((err2 as Error).message).not.toContain(PASSWORDS[_dialect]);
  });

  it('a reboot fails the running transfer, refuses requests while down, then reports the failure', async () => {
    const c = await client(filer, { retries: 0 });
    await c.startTransfer({ destination, kind: 'update', maxRateKBps: 1024 });
    await clock.advance(10_000);
    sim.reboot(filer, 120);
    await expect(c.listRelationships()).rejects.toBeInstanceOf(OntapTransportError);
    await clock.advance(120_000);
    const [rel] = await c.listRelationships();
    expect(rel).toMatchObject({ activity: 'idle', transferring: false });
    expect(rel!.last.error ?? '').toMatch(/rebooted|aborted|failed/i);
    const [record] = sim.transfers();
    expect(record).toMatchObject({ state: 'failed', bytes: 10 * MiB, endedAt: record!.startedAt! + 10_000 });
  });
});

it('applies faults scripted in the scenario at their simulated instant', async () => {
  const scripted = scenario();
  scripted.faults = [
    { filer: 'f7', kind: 'http-error', status: 500, atSeconds: 60 },
    { filer: 'fr', kind: 'reboot', atSeconds: 30, downSeconds: 10 },
  ];
  const c2 = new VirtualClock();
  const s2 = await startSimulator({ scenario: scripted, clock: c2 });
  try {
    const c = await createSnapMirrorClient(s2.clientConfig('f7', { retries: 0 }));
    const r = await createSnapMirrorClient(s2.clientConfig('fr', { retries: 0 }));
    await r.startTransfer({ destination: 'svr:dst', kind: 'update', maxRateKBps: 100 });
    expect(await c.listRelationships()).toHaveLength(1);
    await c2.advance(61_000);
    await expect(c.listRelationships()).rejects.toMatchObject({ transient: true });
    expect(await c.listRelationships()).toHaveLength(1);
    const [t] = s2.transfers();
    // the reboot happened at exactly 30 s, between two polls
    expect(t!.endedAt! - t!.startedAt!).toBe(30_000);
    expect(t!.state).toBe('failed');
  } finally {
    await s2.close();
  }
});

describe('no answer at all', () => {
  it('connection refused is a transient transport error that was not delivered', async () => {
    const config = sim.clientConfig('f7', { retries: 1, retryDelayMs: 10 });
    await sim.close();
    const c = await createSnapMirrorClient(config);
    const err = await c.startTransfer({ destination: 'f7:dst', kind: 'update' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapTransportError);
    expect(err).toMatchObject({
      transient: true,
      maybeDelivered: false,
      message: expect.stringContaining('ECONNREFUSED'),
    });
    sim = await startSimulator({ scenario: scenario(), clock });
  });

  it('7-Mode with SnapMirror off: listing says so with a hint, updates fail with errno 13100', async () => {
    const c = await client('f7');
    const raw = await fetch(`${sim.endpoint('f7').url}/servlets/netapp.servlets.admin.XMLrequest_filer`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`root:${PASSWORDS['7mode']}`).toString('base64')}` },
      body: "<netapp version='1.7' xmlns='http://www.netapp.com/filer/admin'><snapmirror-off/></netapp>",
    });
    expect(await raw.text()).toContain('status="passed"');
    await expect(c.listRelationships()).rejects.toMatchObject({
      kind: 'unsupported',
      hint: expect.stringContaining('snapmirror on'),
    });
    await expect(c.startTransfer({ destination: 'f7:dst', kind: 'update' })).rejects.toMatchObject({
      errno: 13100,
    });
  });
});
