import { describe, expect, it } from 'vitest';
import { SchedulerEngine } from './engine.js';
import { parseScheduleFile } from './lines.js';
import { rel, testConfig } from './test-support.js';
import { BusinessHours } from './windows.js';

const T0 = Date.UTC(2026, 0, 5, 20, 0); // Monday 20:00 UTC
const GB = 1024 ** 3;

function setup(lines: string, extra = '', order: 'config' | 'size' = 'config') {
  const config = testConfig(extra);
  const specs = parseScheduleFile(lines, 'a.conf', 'nas01a-ibm', config);
  const engine = new SchedulerEngine(specs, config, new BusinessHours(config), order);
  return { config, engine };
}

describe('scheduler engine', () => {
  it('launches in configuration order up to the filer limit, then the next when a slot frees', () => {
    const { engine } = setup('v1\nv2\nv3\n', 'limits:\n  perFiler: { business: 1, offHours: 2 }\n');
    const rels = ['R_v1', 'R_v2', 'R_v3'].map((v) => rel(`nas01a-ibm:${v}`));
    engine.observe('nas01a-ibm', rels, T0);
    const first = engine.decide(T0);
    expect(first.map((a) => a.item.spec.destination)).toEqual(['nas01a-ibm:R_v1', 'nas01a-ibm:R_v2']);
    for (const a of first) engine.launched(a, T0);
    expect(engine.decide(T0)).toEqual([]);
    rels[0] = rel('nas01a-ibm:R_v1', { last: { bytes: 5, endTime: T0 + 60_000 } });
    rels[1] = rel('nas01a-ibm:R_v2', { transferring: true, activity: 'transferring', transferBytes: 100 });
    engine.observe('nas01a-ibm', rels, T0 + 60_000);
    expect(engine.items[0]?.state).toBe('succeeded');
    expect(engine.decide(T0 + 60_000).map((a) => a.item.spec.destination)).toEqual(['nas01a-ibm:R_v3']);
  });

  it('counts transfers the filer is already running against the limit (restart safety)', () => {
    const { engine } = setup('v1\nv2\n', 'limits:\n  perFiler: { business: 1, offHours: 2 }\n');
    engine.observe(
      'nas01a-ibm',
      [
        rel('nas01a-ibm:R_v1', { transferring: true, activity: 'transferring', transferBytes: 10 }),
        rel('nas01a-ibm:R_v2'),
        rel('nas01a-ibm:R_other', { transferring: true, activity: 'transferring' }),
      ],
      T0,
    );
    expect(engine.items[0]).toMatchObject({ state: 'running', adopted: true });
    expect(engine.running().perFiler['nas01a-ibm']).toBe(2);
    expect(engine.decide(T0)).toEqual([]);
  });

  it('never launches on a filer it has not polled successfully', () => {
    const { engine } = setup('v1\n');
    engine.observeFailure('nas01a-ibm', 'connect ECONNREFUSED', T0);
    expect(engine.decide(T0)).toEqual([]);
  });

  it('orders by priority, then largest predicted first with --order size', () => {
    const { engine } = setup(
      'v1\nv2\nv3 priority=1\n',
      'limits:\n  perFiler: { business: 3, offHours: 3 }\n',
      'size',
    );
    engine.observe(
      'nas01a-ibm',
      [
        rel('nas01a-ibm:R_v1', { last: { bytes: 1 * GB } }),
        rel('nas01a-ibm:R_v2', { last: { bytes: 9 * GB } }),
        rel('nas01a-ibm:R_v3', { last: { bytes: 1 * GB } }),
      ],
      T0,
    );
    expect(engine.decide(T0).map((a) => a.item.spec.destination)).toEqual([
      'nas01a-ibm:R_v3',
      'nas01a-ibm:R_v2',
      'nas01a-ibm:R_v1',
    ]);
  });

  it('baselines a missing relationship only when allowed', () => {
    const denied = setup('v1\n');
    denied.engine.observe('nas01a-ibm', [], T0);
    expect(denied.engine.decide(T0)).toEqual([]);
    expect(denied.engine.items[0]).toMatchObject({ state: 'skipped' });
    expect(denied.engine.items[0]?.reason).toContain('baseline not allowed');
    const allowed = setup('v1 baseline=yes\n');
    allowed.engine.observe('nas01a-ibm', [], T0);
    expect(allowed.engine.decide(T0).map((a) => a.kind)).toEqual(['initialize']);
  });

  it('defers a transfer predicted to run into business hours, and lets smaller ones go', () => {
    const { engine } = setup('v1\nv2\n', 'defaultRateKBps: 1024\n');
    engine.observe(
      'nas01a-ibm',
      [
        rel('nas01a-ibm:R_v1', { last: { bytes: 100 * GB } }),
        rel('nas01a-ibm:R_v2', { last: { bytes: 1 * GB } }),
      ],
      T0,
    );
    const actions = engine.decide(T0);
    expect(actions.map((a) => a.item.spec.destination)).toEqual(['nas01a-ibm:R_v2']);
    expect(engine.items[0]?.reason).toBe('would run into business hours');
    engine.launched(actions[0]!, T0);
    engine.observe(
      'nas01a-ibm',
      [
        rel('nas01a-ibm:R_v1', { last: { bytes: 100 * GB } }),
        rel('nas01a-ibm:R_v2', { last: { bytes: GB, endTime: T0 + 1000 } }),
      ],
      T0 + 2000,
    );
    expect(engine.done()).toBe(true);
    engine.close();
    expect(engine.items.map((i) => i.state)).toEqual(['deferred', 'succeeded']);
  });

  it('retries a failed transfer with backoff, then reports it failed', () => {
    const { engine } = setup('v1\n', 'retry: { attempts: 2, backoffSeconds: 60 }\n');
    const ok = rel('nas01a-ibm:R_v1');
    engine.observe('nas01a-ibm', [ok], T0);
    engine.launched(engine.decide(T0)[0]!, T0);
    const failed = rel('nas01a-ibm:R_v1', { last: { error: 'source volume offline', endTime: T0 + 5000 } });
    engine.observe('nas01a-ibm', [failed], T0 + 10_000);
    expect(engine.items[0]).toMatchObject({ state: 'retry-wait', notBefore: T0 + 70_000 });
    expect(engine.decide(T0 + 20_000)).toEqual([]);
    const again = engine.decide(T0 + 70_000);
    expect(again).toHaveLength(1);
    engine.launched(again[0]!, T0 + 70_000);
    engine.observe('nas01a-ibm', [failed], T0 + 80_000);
    expect(engine.items[0]).toMatchObject({ state: 'failed', attempts: 2 });
    expect(engine.events.map((e) => e.type)).toEqual(['start', 'retry', 'start', 'fail']);
  });

  it('treats a start answered with a transient error as uncertain until the next poll', () => {
    const { engine } = setup('v1\n');
    engine.observe('nas01a-ibm', [rel('nas01a-ibm:R_v1')], T0);
    const [action] = engine.decide(T0);
    engine.launchFailed(action!, 'socket hang up', true, T0);
    expect(engine.running().perFiler['nas01a-ibm']).toBe(1);
    engine.observe(
      'nas01a-ibm',
      [rel('nas01a-ibm:R_v1', { transferring: true, activity: 'transferring' })],
      T0 + 1000,
    );
    expect(engine.items[0]?.state).toBe('running');
  });

  it('gives up on a filer unreachable for too long', () => {
    const { engine } = setup('v1\n', 'unreachableGiveUpSeconds: 60\n');
    engine.observeFailure('nas01a-ibm', 'ETIMEDOUT', T0);
    expect(engine.items[0]?.state).toBe('queued');
    engine.observeFailure('nas01a-ibm', 'ETIMEDOUT', T0 + 61_000);
    expect(engine.items[0]?.state).toBe('failed');
    expect(engine.done()).toBe(true);
  });
});

describe('scheduler engine across filers', () => {
  function two(extra: string) {
    const config = testConfig(extra);
    const specs = [
      ...parseScheduleFile('a1\na2\na3\n', 'a.conf', 'nas01a-ibm', config),
      ...parseScheduleFile('b1\nb2\nb3\n', 'b.conf', 'nas01b-ibm', config, 3),
    ];
    return new SchedulerEngine(specs, config, new BusinessHours(config), 'size');
  }

  it('gives the next slot to the filer with the most work left (filers finish together)', () => {
    const engine = two(
      'limits:\n  perFiler: { business: 1, offHours: 3 }\n  global: { business: 1, offHours: 2 }\n',
    );
    engine.observe(
      'nas01a-ibm',
      ['a1', 'a2', 'a3'].map((v) => rel(`nas01a-ibm:R_${v}`, { last: { bytes: 10 * GB } })),
      T0,
    );
    engine.observe(
      'nas01b-ibm',
      [
        rel('nas01b-ibm:R_b1', { last: { bytes: 12 * GB } }),
        rel('nas01b-ibm:R_b2', { last: { bytes: 1 * GB } }),
        rel('nas01b-ibm:R_b3', { last: { bytes: 1 * GB } }),
      ],
      T0,
    );
    // Pure LPT would take b1 (12G) first. Filer a has 30G to move and b 14G: a gets the slots until
    // its backlog falls under b's.
    const first = engine.decide(T0).map((a) => a.item.spec.destination);
    expect(first).toEqual(['nas01a-ibm:R_a1', 'nas01a-ibm:R_a2']);
  });

  it('prefers a filer whose link has room when another filer’s transfers run under their caps', () => {
    const engine = two(
      'defaultRateKBps: 1024\nlimits:\n  perFiler: { business: 1, offHours: 3 }\n  global: { business: 1, offHours: 3 }\n',
    );
    const a = (bytes: number, running: boolean) => (v: string) =>
      rel(
        `nas01a-ibm:R_${v}`,
        running
          ? { transferring: true, activity: 'transferring', transferBytes: bytes }
          : { last: { bytes: 100 * GB } },
      );
    engine.observe('nas01a-ibm', [a(0, true)('a1'), a(0, true)('a2'), a(0, false)('a3')], T0);
    engine.observe(
      'nas01b-ibm',
      ['b1', 'b2', 'b3'].map((v) => rel(`nas01b-ibm:R_${v}`, { last: { bytes: 1 * GB } })),
      T0,
    );
    expect(engine.items.filter((i) => i.state === 'running')).toHaveLength(2);
    // 60 s later each moved 30 MiB: 512 KB/s against a 1024 KB/s cap. The link is full.
    engine.observe(
      'nas01a-ibm',
      [a(30 * 1024 ** 2, true)('a1'), a(30 * 1024 ** 2, true)('a2'), a(0, false)('a3')],
      T0 + 60_000,
    );
    expect(engine.saturatedRate('nas01a-ibm')).toBeCloseTo(1024 ** 2, -3);
    expect(engine.decide(T0 + 60_000).map((x) => x.item.spec.destination)).toEqual(['nas01b-ibm:R_b1']);
  });

  it('stops at 08:00 what a night run has not started, and a run started in business hours waits', () => {
    const config = testConfig('limits:\n  perFiler: { business: 2, offHours: 2 }\n');
    const specs = parseScheduleFile('v1\nv2\nv3\n', 'a.conf', 'nas01a-ibm', config);
    const night = new SchedulerEngine(specs, config, new BusinessHours(config), 'config');
    const rels = ['R_v1', 'R_v2', 'R_v3'].map((v) => rel(`nas01a-ibm:${v}`, { last: { bytes: 1024 ** 2 } }));
    const before = Date.UTC(2026, 0, 6, 7, 59);
    night.observe('nas01a-ibm', rels, before);
    for (const a of night.decide(before)) night.launched(a, before);
    const eight = Date.UTC(2026, 0, 6, 8, 0);
    night.observe('nas01a-ibm', rels, eight);
    expect(night.decide(eight)).toEqual([]);
    expect(night.items[2]?.reason).toBe('business hours began: left for the next night');
    expect(night.done()).toBe(true);

    const day = new SchedulerEngine(specs, config, new BusinessHours(config), 'config');
    const noon = Date.UTC(2026, 0, 6, 12, 0);
    day.observe('nas01a-ibm', rels, noon);
    expect(day.decide(noon)).toEqual([]);
    expect(day.items[0]?.reason).toBe('waiting for the end of business hours');
    expect(day.done()).toBe(false);
    expect(day.nextWake(noon)).toBe(Date.UTC(2026, 0, 6, 19, 0));
  });
});
