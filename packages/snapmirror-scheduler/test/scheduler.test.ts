// The scheduler against ontap-sim over real HTTP, in all three dialects, on a virtual clock.
import { readFileSync } from 'node:fs';
import { normalizeLocation } from '@opskit/core';
import { makeTempDir } from '@opskit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { runSchedule } from '../src/runner.js';
import { GiB, type Harness, harness, linesFor, pairScenario, peak } from './support.js';

const DIALECTS = ['rest', '7mode', 'cluster-zapi'] as const;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sizes = (n: number, base = 2) => Array.from({ length: n }, (_, i) => ((i % 5) + base) * GiB);

describe.each(DIALECTS)('scheduler against a %s filer', (dialect) => {
  it('never exceeds the per-filer and global limits at any instant, and finishes everything', async () => {
    const scenario = pairScenario(dialect, sizes(14));
    h = await harness(
      scenario,
      'limits:\n  perFiler: { business: 1, offHours: 3 }\n  global: { business: 1, offHours: 4 }\ndefaultRateKBps: 20480',
      { dr1: linesFor(scenario, 'dr1'), dr2: linesFor(scenario, 'dr2') },
    );
    const summary = await runSchedule({
      config: h.config,
      specs: h.specs,
      clients: await h.clients(),
      clock: h.clock,
      order: 'size',
    });
    expect(summary.counts).toMatchObject({ succeeded: 14, failed: 0 });
    expect(peak(h.sim, 'dr1')).toBeLessThanOrEqual(3);
    expect(peak(h.sim, 'dr2')).toBeLessThanOrEqual(3);
    expect(Math.max(peak(h.sim, 'dr1'), peak(h.sim, 'dr2'))).toBe(3); // the per-filer limit is used
    expect(peak(h.sim)).toBe(4); // and the global one
    expect(h.sim.transfers()).toHaveLength(14); // one transfer per line, none launched twice
    expect(summary.maxConcurrent.global).toBeLessThanOrEqual(4);
  });

  it('baselines an uninitialized relationship only where allowed, and updates the others', async () => {
    const scenario = pairScenario(dialect, [GiB, GiB, GiB, GiB]);
    scenario.relationships![0]!.state = 'uninitialized';
    scenario.relationships![2]!.state = 'uninitialized';
    scenario.relationships![0]!.baselineBytes = 3 * GiB;
    h = await harness(scenario, 'limits:\n  perFiler: { business: 2, offHours: 2 }', {
      dr1: 'prod1:v00 baseline=yes size=3G\nprod1:v02',
      dr2: 'prod2:v01\nprod2:v03',
    });
    const summary = await runSchedule({
      config: h.config,
      specs: h.specs,
      clients: await h.clients(),
      clock: h.clock,
    });
    const by = Object.fromEntries(summary.transfers.map((t) => [t.destination, t]));
    expect(by['dr1:R_v00']).toMatchObject({ kind: 'initialize', outcome: 'succeeded' });
    expect(by['dr1:R_v02']).toMatchObject({ outcome: 'skipped' });
    expect(by['dr1:R_v02']?.reason).toContain('baseline not allowed');
    expect(by['dr2:R_v01']).toMatchObject({ kind: 'update', outcome: 'succeeded' });
    const simInit = h.sim.transfers().find((t) => t.destination.includes('R_v00'));
    expect(simInit?.kind).toBe('initialize');
    expect(h.sim.transfers().some((t) => t.destination.includes('R_v02'))).toBe(false);
  });

  it('retries transfers a filer reboot aborted, with backoff, and finishes them', async () => {
    const scenario = pairScenario(dialect, sizes(4, 4));
    h = await harness(scenario, 'retry: { attempts: 3, backoffSeconds: 120 }\ndefaultRateKBps: 10240', {
      dr1: linesFor(scenario, 'dr1'),
      dr2: linesFor(scenario, 'dr2'),
    });
    const clients = await h.clients();
    const sim = h.sim;
    let rebooted = false;
    const summary = await runSchedule({
      config: h.config,
      specs: h.specs,
      clients,
      clock: h.clock,
      onTick: (_e, now) => {
        if (!rebooted && now >= Date.parse('2026-01-05T20:05:00Z')) {
          rebooted = true;
          sim.reboot('dr1', 30);
        }
      },
    });
    expect(rebooted).toBe(true);
    expect(summary.counts).toMatchObject({ succeeded: 4, failed: 0 });
    const dr1 = summary.transfers.filter((t) => t.filer === 'dr1');
    expect(dr1.every((t) => t.attempts === 2)).toBe(true);
    const retries = summary.events.filter((e) => e.type === 'retry');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    for (const t of dr1) {
      const failedAt = retries.find((e) => e.destination === t.destination)!.time;
      expect(Date.parse(t.start!) - failedAt).toBeGreaterThanOrEqual(120_000);
    }
  });

  it('adopts the transfers already running after a restart, never launching a duplicate or exceeding a limit', async () => {
    const scenario = pairScenario(dialect, sizes(10, 8));
    const lines = { dr1: linesFor(scenario, 'dr1'), dr2: linesFor(scenario, 'dr2') };
    h = await harness(
      scenario,
      'limits:\n  perFiler: { business: 2, offHours: 2 }\ndefaultRateKBps: 10240',
      lines,
    );
    // The first run is killed 10 simulated minutes in, with transfers in flight.
    const ac = new AbortController();
    const first = runSchedule({
      config: h.config,
      specs: h.specs,
      clients: await h.clients(),
      clock: h.clock,
      signal: ac.signal,
      onTick: (_e, now) => {
        if (now >= Date.parse('2026-01-05T20:10:00Z')) ac.abort(new Error('killed'));
      },
    });
    const killed = await first;
    expect(killed.interrupted).toBe(true);
    expect(killed.transfers.filter((t) => t.outcome === 'running')).toHaveLength(4);
    const inFlight = h.sim
      .relationships()
      .filter((r) => r.status === 'transferring')
      .map((r) => r.destination);
    expect(inFlight.length).toBe(4);
    const second = await runSchedule({
      config: h.config,
      specs: h.specs,
      clients: await h.clients(),
      clock: h.clock,
    });
    const adopted = second.transfers.filter((t) => t.adopted).map((t) => t.destination);
    expect(adopted.map((d) => normalizeLocation(d)).sort()).toEqual(
      inFlight.map((d) => normalizeLocation(d)).sort(),
    );
    const perDestination = new Map<string, number>();
    for (const t of h.sim.transfers())
      perDestination.set(t.destination, (perDestination.get(t.destination) ?? 0) + 1);
    expect([...perDestination.values()].every((n) => n === 1)).toBe(true);
    expect(h.sim.transfers()).toHaveLength(10);
    expect(peak(h.sim, 'dr1')).toBeLessThanOrEqual(2);
    expect(peak(h.sim, 'dr2')).toBeLessThanOrEqual(2);
    expect(second.counts.succeeded).toBe(10);
  });
});

describe('business hours', () => {
  it('switches to the business-hours limit at 08:00 and defers what would run into it', async () => {
    // Monday 07:30, half an hour before business hours; 20 MiB/s per transfer (30 GiB = 25.6 min).
    const dr1Sizes = [200 * GiB, ...Array.from({ length: 8 }, () => 30 * GiB)];
    const scenario = pairScenario(
      'rest',
      dr1Sizes.flatMap((b) => [b, GiB]),
    );
    const lines = linesFor(scenario, 'dr1')
      .split('\n')
      .map((l, i) => (i === 0 ? l : `${l} business=yes`));
    h = await harness(
      scenario,
      'defaultRateKBps: 20480\nlimits:\n  perFiler: { business: 1, offHours: 3 }\nbusinessHours: { days: [mon, tue, wed, thu, fri], start: "08:00", end: "19:00" }',
      { dr1: lines.join('\n') },
      '2026-01-05T07:30:00Z',
    );
    const summary = await runSchedule({
      config: h.config,
      specs: h.specs,
      clients: await h.clients(),
      clock: h.clock,
    });
    const by = Object.fromEntries(summary.transfers.map((t) => [t.destination, t]));
    // 200 GiB at 20 MiB/s is 2.8 h: it would run into 08:00 and is not allowed to, so it waits for another night.
    expect(by['dr1:R_v00']).toMatchObject({ outcome: 'deferred', reason: 'would run into business hours' });
    expect(summary.counts.succeeded).toBe(8);
    const eight = Date.parse('2026-01-05T08:00:00Z');
    const records = h.sim.transfers();
    const before = records.filter((r) => (r.startedAt ?? 0) < eight);
    const after = records.filter((r) => (r.startedAt ?? 0) >= eight);
    expect(before.length).toBe(6); // 3 at 07:30, 3 more at 07:56 under the off-hours limit
    expect(after.length).toBe(2);
    for (const t of after) {
      const overlapping = records.filter(
        (o) => o !== t && o.startedAt! <= t.startedAt! && (o.endedAt ?? Infinity) > t.startedAt!,
      );
      expect(overlapping).toHaveLength(0); // business limit 1: a new one starts only when none runs
    }
    expect(summary.timeline.find((p) => p.time >= eight)?.limits['dr1']).toBe(1);
    expect(summary.timeline.find((p) => p.time < eight)?.limits['dr1']).toBe(3);
  });
});

describe('verbose debug file', () => {
  it('lists the running transfers with bytes every 5 minutes', async () => {
    const tmp = makeTempDir();
    try {
      const scenario = pairScenario('7mode', [20 * GiB, 20 * GiB]);
      h = await harness(scenario, `debugDir: ${tmp.path}\ndefaultRateKBps: 10240\npollIntervalSeconds: 60`, {
        dr1: linesFor(scenario, 'dr1'),
      });
      const seen: string[] = [];
      const file = tmp.join('.scheduleSnapMirror_dr1.debug');
      await runSchedule({
        config: h.config,
        specs: h.specs,
        clients: await h.clients(),
        clock: h.clock,
        verbose: true,
        onTick: () => {
          try {
            const text = readFileSync(file, 'utf8');
            if (seen[seen.length - 1] !== text) seen.push(text);
          } catch {}
        },
      });
      const stamps = seen.map((t) => Date.parse(/snapmirror-scheduler (\S+)/.exec(t)?.[1] ?? ''));
      expect(stamps.length).toBeGreaterThan(5);
      for (let i = 1; i < stamps.length; i++)
        expect(stamps[i]! - stamps[i - 1]!).toBeGreaterThanOrEqual(300_000);
      expect(stamps[2]! - stamps[1]!).toBeLessThanOrEqual(360_000);
      const mid = seen[2] ?? '';
      expect(mid).toMatch(/prod1:v00 -> dr1:R_v00 update bytes=(\d+)/);
      expect(Number(/bytes=(\d+)/.exec(mid)?.[1])).toBeGreaterThan(0);
    } finally {
      tmp.remove();
    }
  });
});
