import { describe, expect, it } from 'vitest';
import { type SimFailure, SimModel } from './model.js';
import type { Scenario } from './scenario.js';

const MiB = 1024 ** 2;
const T0 = Date.UTC(2026, 0, 5, 18);

function model(extra: Partial<Scenario> = {}): SimModel {
  return new SimModel(
    {
      filers: [
        { name: 'src', dialect: '7mode', bandwidthKBps: 4096, maxConcurrentTransfers: 2 },
        { name: 'dst', dialect: '7mode', bandwidthKBps: 2048, maxConcurrentTransfers: 5 },
      ],
      relationships: [
        { source: 'src:a', destination: 'dst:a', pendingBytes: 10 * MiB },
        { source: 'src:b', destination: 'dst:b', pendingBytes: 20 * MiB },
        { source: 'src:c', destination: 'dst:c', pendingBytes: 4 * MiB, changeBytesPerSecond: 1024 },
      ],
      ...extra,
    },
    T0,
  );
}

const rel = (m: SimModel, d: string) => m.findByDestination(d)!;

describe('SimModel', () => {
  it('ends transfers at the exact instants of a piecewise-constant fair share', () => {
    const m = model();
    m.requestTransfer(rel(m, 'dst:a'), 'update');
    m.requestTransfer(rel(m, 'dst:b'), 'update');
    // both share dst's 2 MiB/s: a (10 MiB) ends at 10 s; then b runs alone at 2 MiB/s: 10 MiB left -> 15 s
    m.advanceTo(T0 + 3_600_000);
    const [a, b] = m.records();
    expect(a).toMatchObject({ state: 'success', startedAt: T0, endedAt: T0 + 10_000, bytes: 10 * MiB });
    expect(b).toMatchObject({ state: 'success', startedAt: T0, endedAt: T0 + 15_000, bytes: 20 * MiB });
  });

  it('gives the same answer however often it is asked (lazy, no timers)', () => {
    const once = model();
    const often = model();
    for (const m of [once, often]) {
      m.requestTransfer(rel(m, 'dst:a'), 'update');
      m.requestTransfer(rel(m, 'dst:b'), 'update', 512);
    }
    once.advanceTo(T0 + 100_000);
    for (let t = T0; t <= T0 + 100_000; t += 777) often.advanceTo(t);
    often.advanceTo(T0 + 100_000);
    expect(often.records()).toEqual(once.records());
  });

  it('counts 7-Mode slots at the source and the destination and starts queued transfers at the freeing instant', () => {
    const m = model();
    m.requestTransfer(rel(m, 'dst:a'), 'update', 1024);
    m.requestTransfer(rel(m, 'dst:b'), 'update', 1024);
    m.requestTransfer(rel(m, 'dst:c'), 'update');
    expect(m.records().map((r) => r.state)).toEqual(['transferring', 'transferring', 'queued']);
    m.advanceTo(T0 + 60_000);
    const [a, , c] = m.records();
    expect(a!.endedAt).toBe(T0 + 10_000);
    expect(c!.startedAt).toBe(T0 + 10_000);
    const conc = m.concurrency();
    expect(conc.filers['src']!.max).toBe(2);
    expect(conc.global.max).toBe(2);
    expect(conc.links['src->dst']).toEqual({ max: 2, at: T0 });
  });

  it('takes the snapshot when the transfer starts: change accrued until then is sent, lag restarts from there', () => {
    const m = model();
    m.advanceTo(T0 + 100_000);
    const r = rel(m, 'dst:c');
    expect(m.pendingBytes(r)).toBe(4 * MiB + 100 * 1024);
    m.requestTransfer(r, 'update');
    m.advanceTo(T0 + 200_000);
    expect(m.records()[0]!.totalBytes).toBe(4 * MiB + 100 * 1024);
    expect(m.lagSeconds(r)).toBe(100);
    expect(m.pendingBytes(r)).toBe(100 * 1024);
  });

  it('refuses what a filer refuses', () => {
    const m = model({
      relationships: [
        { source: 'src:a', destination: 'dst:a', state: 'uninitialized' },
        { source: 'src:b', destination: 'dst:b', state: 'quiesced' },
      ],
      filers: [
        { name: 'src', dialect: '7mode' },
        { name: 'dst', dialect: '7mode', volumes: [{ name: 'a', restricted: false }] },
      ],
    });
    const fail = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as SimFailure).reason;
      }
      return undefined;
    };
    expect(fail(() => m.requestTransfer(rel(m, 'dst:a'), 'update'))).toBe('not-initialized');
    expect(fail(() => m.requestTransfer(rel(m, 'dst:a'), 'initialize'))).toBe('not-restricted');
    expect(fail(() => m.requestTransfer(rel(m, 'dst:b'), 'update'))).toBe('quiesced');
    expect(fail(() => m.abort(rel(m, 'dst:b')))).toBe('no-transfer');
  });

  it('fails running and queued transfers at a scheduled reboot instant', () => {
    const m = model({ faults: [{ filer: 'src', kind: 'reboot', atSeconds: 4, downSeconds: 30 }] });
    m.requestTransfer(rel(m, 'dst:a'), 'update');
    m.advanceTo(T0 + 60_000);
    const [a] = m.records();
    expect(a).toMatchObject({ state: 'failed', endedAt: T0 + 4000, bytes: 8 * MiB });
    expect(m.filer('src').downUntil).toBe(T0 + 34_000);
    // the next update restarts from the checkpoint: only what was not sent is left
    expect(m.pendingBytes(rel(m, 'dst:a'))).toBe(2 * MiB);
    expect(rel(m, 'dst:a').checkpointBytes).toBe(8 * MiB);
  });

  it('counts two slots for a transfer whose source and destination are the same filer', () => {
    const m = new SimModel(
      {
        filers: [{ name: 'one', dialect: '7mode', maxConcurrentTransfers: 2, bandwidthKBps: 1024 }],
        relationships: [
          { source: 'one:a', destination: 'one:a_copy', pendingBytes: MiB },
          { source: 'far:b', destination: 'one:b_dst', pendingBytes: MiB },
        ],
      },
      T0,
    );
    m.requestTransfer(rel(m, 'one:a_copy'), 'update');
    m.requestTransfer(rel(m, 'one:b_dst'), 'update');
    expect(m.records().map((r) => r.state)).toEqual(['transferring', 'queued']);
    expect(m.filer('one').running).toBe(2);
    m.advanceTo(T0 + 10_000);
    expect(m.records().map((r) => [r.startedAt! - T0, r.endedAt! - T0])).toEqual([
      [0, 1000],
      [1000, 2000],
    ]);
    expect(m.concurrency().filers['one']!.max).toBe(1);
  });
});
