// The client in @opskit/core against the simulator over real HTTP, one filer per dialect.
import { createSnapMirrorClient, OntapApiError, type SnapMirrorClient, VirtualClock } from '@opskit/core';
import { type Simulator, startSimulator } from '@opskit/ontap-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiB, threeDialects } from './scenarios.js';

let sim: Simulator;
let clock: VirtualClock;

beforeAll(async () => {
  clock = new VirtualClock();
  sim = await startSimulator({ scenario: threeDialects(), clock });
});
afterAll(async () => {
  await sim?.close();
});

/** Sort order of REST records: by relationship uuid. */
function byUuid(rels: { destination: string; uuid?: string | undefined }[]) {
  const uuid = (d: string) => rels.find((r) => r.destination === d)?.uuid ?? '';
  return (a: string, b: string) => uuid(a).localeCompare(uuid(b));
}

async function client(name: string, dialect: 'auto' | undefined = undefined): Promise<SnapMirrorClient> {
  const config = sim.clientConfig(name);
  if (dialect) config.dialect = dialect;
  return createSnapMirrorClient(config);
}

describe('dialect detection', () => {
  it.each([
    ['filer13', '7mode'],
    ['cl1', 'cluster-zapi'],
    ['ontap9', 'rest'],
  ])('detects %s as %s (REST first, then ZAPI system-get-version)', async (name, dialect) => {
    const c = await client(name, 'auto');
    expect(c.dialect).toBe(dialect);
  });
});

describe('7-Mode', () => {
  it('lists volume and qtree relationships with sizes converted from KB to bytes', async () => {
    const c = await client('filer13');
    const rels = await c.listRelationships();
    expect(rels.map((r) => r.destination).sort()).toEqual([
      'filer13:/vol/sm_home/proj',
      'filer13:newvol',
      'filer13:sm_home',
    ]);
    const home = rels.find((r) => r.destination === 'filer13:sm_home')!;
    expect(home).toMatchObject({
      source: 'filer48:userhome',
      state: 'snapmirrored',
      activity: 'idle',
      transferring: false,
      lagSeconds: 469,
      last: { bytes: 1044 * 1024, durationSeconds: 7 },
    });
    expect(rels.find((r) => r.destination === 'filer13:newvol')?.state).toBe('uninitialized');
  });

  it('a filer configured by IP address: an error naming systemName instead of an empty list', async () => {
    const byIp = await createSnapMirrorClient(sim.clientConfig('filer13', { name: '127.0.0.1' }));
    const err = await byIp.listRelationships().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapApiError);
    expect(err).toMatchObject({
      code: 'E_ONTAP_SYSTEM_NAME',
      kind: 'not-found',
      transient: false,
      message: expect.stringContaining(
        'snapmirror-get-status reported 3 relationship(s), none to or from "127.0.0.1" (destinations on: filer13)',
      ),
      hint: expect.stringContaining('systemName: filer13'),
    });
    const named = await createSnapMirrorClient(
      sim.clientConfig('filer13', { name: '127.0.0.1', systemName: 'filer13' }),
    );
    expect((await named.listRelationships()).map((r) => r.destination).sort()).toEqual([
      'filer13:/vol/sm_home/proj',
      'filer13:newvol',
      'filer13:sm_home',
    ]);
  });

  it('a filer that is only the source of its pairs lists none, without an error', async () => {
    const source = await client('filer48');
    expect(await source.listRelationships()).toEqual([]);
  });

  it('runs an update at the throttled rate and ends at the exact analytic instant', async () => {
    const c = await client('filer13');
    const t0 = clock.now();
    // accepts the long form for a volume destination
    await c.startTransfer({ destination: 'filer13:/vol/sm_home', kind: 'update', maxRateKBps: 1024 });
    let rels = await c.listRelationships();
    expect(rels.find((r) => r.destination === 'filer13:sm_home')).toMatchObject({
      activity: 'transferring',
      transferring: true,
    });
    await clock.advance(30_000);
    rels = await c.listRelationships();
    const running = rels.find((r) => r.destination === 'filer13:sm_home')!;
    expect(running.transferBytes).toBe(30 * 1024 * 1024);
    await clock.advance(200_000);
    rels = await c.listRelationships();
    const done = rels.find((r) => r.destination === 'filer13:sm_home')!;
    expect(done).toMatchObject({ activity: 'idle', last: { bytes: 100 * MiB, durationSeconds: 100 } });
    // the snapshot was taken when the transfer started: lag = now - start
    expect(done.lagSeconds).toBe(230);
    const record = sim.transfers().find((t) => t.destination === 'filer13:sm_home')!;
    expect(record).toMatchObject({
      state: 'success',
      startedAt: t0,
      endedAt: t0 + 100_000,
      bytes: 100 * MiB,
    });
  });

  it('refuses an update of an uninitialized mirror with a typed error, then initializes it', async () => {
    const c = await client('filer13');
    await expect(c.startTransfer({ destination: 'filer13:newvol', kind: 'update' })).rejects.toMatchObject({
      name: 'ZapiError',
      errno: 15000,
      kind: 'not-initialized',
    });
    await c.startTransfer({ destination: 'filer13:newvol', kind: 'initialize' });
    await clock.advance(60 * 60_000);
    const rel = (await c.listRelationships()).find((r) => r.destination === 'filer13:newvol')!;
    expect(rel).toMatchObject({ state: 'snapmirrored', activity: 'idle', last: { bytes: 200 * MiB } });
  });

  it('aborts a running qtree transfer and reports the error; abort with nothing running is a typed error', async () => {
    const c = await client('filer13');
    await c.startTransfer({ destination: 'filer13:/vol/sm_home/proj', kind: 'update', maxRateKBps: 100 });
    await clock.advance(10_000);
    await c.abortTransfer('filer13:/vol/sm_home/proj');
    const rel = (await c.listRelationships()).find((r) => r.destination === 'filer13:/vol/sm_home/proj')!;
    expect(rel.activity).toBe('idle');
    expect(rel.statusText).toBe('Idle with restart checkpoint');
    expect(rel.last.error).toMatch(/aborted/);
    await expect(c.abortTransfer('filer13:/vol/sm_home/proj')).rejects.toMatchObject({
      errno: 17130,
      kind: 'no-transfer',
    });
  });
});

describe('clustered ZAPI', () => {
  it('queues a transfer beyond the per-node limit and starts it when the slot frees', async () => {
    const c = await client('cl1');
    const t0 = clock.now();
    await c.startTransfer({ destination: 'svmdst:vol1_dst', kind: 'update' });
    await c.startTransfer({ destination: 'svmdst:vol2_dst', kind: 'update', maxRateKBps: 4096 });
    const rels = await c.listRelationships();
    expect(rels.map((r) => [r.destination, r.activity])).toEqual([
      ['svmdst:vol1_dst', 'transferring'],
      ['svmdst:vol2_dst', 'queued'],
      ['svmdst:vol3_dst', 'idle'],
    ]);
    expect(rels.map((r) => r.transferring)).toEqual([true, true, false]);
    await clock.advance(3_600_000);
    const after = await c.listRelationships();
    expect(after.map((r) => r.activity)).toEqual(['idle', 'idle', 'idle']);
    expect(after[0]!.last.bytes).toBe(40 * MiB);
    const records = sim.transfers().filter((t) => t.filer === 'cl1');
    // 40 MiB at 20 MiB/s = 2 s, then the queued one at its 4 MiB/s throttle = 10 s
    expect(records.map((r) => [r.startedAt! - t0, r.endedAt! - t0])).toEqual([
      [0, 2000],
      [2000, 12_000],
    ]);
    expect(sim.concurrency().filers['cl1']!.max).toBe(1);
  });

  it('refuses update while a transfer runs with errno 17137', async () => {
    const c = await client('cl1');
    await c.startTransfer({ destination: 'svmdst:vol3_dst', kind: 'update', maxRateKBps: 1 });
    await expect(c.startTransfer({ destination: 'svmdst:vol3_dst', kind: 'update' })).rejects.toMatchObject({
      errno: 17137,
      kind: 'transfer-in-progress',
    });
    await c.abortTransfer('svmdst:vol3_dst');
    const rel = (await c.listRelationships()).find((r) => r.destination === 'svmdst:vol3_dst')!;
    expect(rel.healthy).toBe(false);
  });
});

describe('REST', () => {
  it('lists, starts with a throttle, and reports progress and the last transfer', async () => {
    const c = await client('ontap9');
    let rels = await c.listRelationships();
    expect(rels.map((r) => r.destination)).toEqual(['svm9:vol9_dst', 'svm9:vol10_dst'].sort(byUuid(rels)));
    rels = rels.filter((r) => r.destination === 'svm9:vol9_dst');
    expect(rels[0]).toMatchObject({
      destination: 'svm9:vol9_dst',
      source: 'svmsrc:vol9',
      state: 'snapmirrored',
      healthy: true,
    });
    await c.startTransfer({ destination: 'svm9:vol9_dst', kind: 'update', maxRateKBps: 2048 });
    await clock.advance(10_000);
    rels = (await c.listRelationships()).filter((r) => r.destination === 'svm9:vol9_dst');
    expect(rels[0]).toMatchObject({ activity: 'transferring', transferBytes: 20 * MiB });
    await clock.advance(60_000);
    rels = (await c.listRelationships()).filter((r) => r.destination === 'svm9:vol9_dst');
    expect(rels[0]).toMatchObject({
      activity: 'idle',
      last: { bytes: 60 * MiB, durationSeconds: 30 },
      lagSeconds: 70,
    });
  });

  it('aborts through PATCH of the transfer, and quiesce/resume through the relationship state', async () => {
    const c = await client('ontap9');
    const d = 'svm9:vol10_dst';
    const get = async () => (await c.listRelationships()).find((r) => r.destination === d)!;
    await c.startTransfer({ destination: d, kind: 'update', maxRateKBps: 1 });
    await expect(c.startTransfer({ destination: d, kind: 'update' })).rejects.toMatchObject({
      name: 'RestApiError',
      status: 409,
      kind: 'transfer-in-progress',
    });
    await c.abortTransfer(d);
    expect(await get()).toMatchObject({ activity: 'idle', healthy: false });
    await expect(c.abortTransfer(d)).rejects.toMatchObject({ kind: 'no-transfer' });
    await c.quiesce!(d);
    expect((await get()).state).toBe('quiesced');
    await expect(c.startTransfer({ destination: d, kind: 'update' })).rejects.toMatchObject({
      name: 'RestApiError',
      status: 400,
    });
    await c.resume!(d);
    expect((await get()).state).toBe('snapmirrored');
  });

  it('reports the version', async () => {
    const c = await client('ontap9');
    expect(await c.systemVersion()).toEqual({
      version: expect.stringMatching(/^NetApp Release 9\./),
      clustered: true,
    });
    expect(await (await client('filer13')).systemVersion()).toMatchObject({ clustered: false });
  });
});

describe('clustered quiesce', () => {
  it('reports a quiesced relationship as quiesced (mirror-state stays snapmirrored on the wire)', async () => {
    const c = await client('cl1');
    await c.quiesce!('svmdst:vol2_dst');
    expect((await c.listRelationships()).find((r) => r.destination === 'svmdst:vol2_dst')).toMatchObject({
      state: 'quiesced',
      activity: 'idle',
      statusText: 'quiesced',
    });
    await expect(c.startTransfer({ destination: 'svmdst:vol2_dst', kind: 'update' })).rejects.toMatchObject({
      errno: 17128,
      kind: 'quiesced',
    });
    await c.resume!('svmdst:vol2_dst');
    expect((await c.listRelationships()).find((r) => r.destination === 'svmdst:vol2_dst')?.state).toBe(
      'snapmirrored',
    );
  });
});

describe('credentials from the environment', () => {
  it('logs in with OPSKIT_ONTAP_<FILER>_USER/_PASSWORD when the config has none', async () => {
    const { credentials, ...config } = sim.clientConfig('ontap9');
    const env = {
      OPSKIT_ONTAP_ONTAP9_USER: credentials!.username,
      OPSKIT_ONTAP_ONTAP9_PASSWORD: credentials!.password,
    };
    const c = await createSnapMirrorClient({ ...config, dialect: 'auto' }, { credentials: { env } });
    expect(c.dialect).toBe('rest');
    expect((await c.listRelationships()).length).toBe(2);
    await expect(createSnapMirrorClient(config, { credentials: { env: {} } })).rejects.toMatchObject({
      name: 'ConfigError',
      hint: expect.stringContaining('OPSKIT_ONTAP_ONTAP9_USER'),
    });
  });
});

describe('vFiler / Vserver tunnelling', () => {
  it.each([
    ['cl1', 'svmdst', 3, 15698],
    ['ontap9', 'svm9', 2, undefined],
  ])(
    '%s: tunnelled to %s lists its relationships; an unknown one is a typed not-found error',
    async (name, svm, count, errno) => {
      const ok = await createSnapMirrorClient(sim.clientConfig(name, { vfiler: svm }));
      expect(await ok.listRelationships()).toHaveLength(count);
      const bad = await createSnapMirrorClient(sim.clientConfig(name, { vfiler: 'nosvm' }));
      const err = await bad.listRelationships().catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'not-found' });
      if (errno) expect(err).toMatchObject({ errno });
    },
  );

  it("7-Mode: tunnelled to a vFiler, only that vFiler's relationships", async () => {
    const s = await startSimulator({
      clock: new VirtualClock(),
      scenario: {
        filers: [{ name: 'phys', dialect: '7mode', svms: ['vf1'] }],
        relationships: [
          { source: 'a:v', destination: 'phys:v1' },
          { source: 'a:w', destination: 'vf1:w1' },
        ],
      },
    });
    try {
      const all = await createSnapMirrorClient(s.clientConfig('phys'));
      expect((await all.listRelationships()).map((r) => r.destination)).toEqual(['phys:v1']);
      const vf = await createSnapMirrorClient(s.clientConfig('phys', { vfiler: 'vf1' }));
      expect((await vf.listRelationships()).map((r) => r.destination)).toEqual(['vf1:w1']);
    } finally {
      await s.close();
    }
  });
});
