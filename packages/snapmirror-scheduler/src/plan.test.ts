import { describe, expect, it } from 'vitest';
import { parseScheduleFile } from './lines.js';
import { planNight } from './plan.js';
import { rel, testConfig } from './test-support.js';

const GiB = 1024 ** 3;
const T0 = Date.UTC(2026, 0, 5, 20, 0);

describe('planNight', () => {
  it('predicts starts and ends under the limits, largest first with --order size', () => {
    const config = testConfig('defaultRateKBps: 1024\nlimits:\n  perFiler: { business: 1, offHours: 2 }\n');
    const specs = parseScheduleFile('v1\nv2\nv3\n', 'a.conf', 'nas01a-ibm', config);
    const relationships = new Map([
      [
        'nas01a-ibm',
        [
          rel('nas01a-ibm:R_v1', { last: { bytes: 1 * GiB } }),
          rel('nas01a-ibm:R_v2', { last: { bytes: 3 * GiB } }),
          rel('nas01a-ibm:R_v3', { last: { bytes: 2 * GiB } }),
        ],
      ],
    ]);
    const plan = planNight({ specs, relationships, config, order: 'size', start: T0 });
    const at = (d: string) => plan.transfers.find((t) => t.destination === d)!;
    // 1 MiB/s: 3 GiB = 3072 s, 2 GiB = 2048 s, 1 GiB = 1024 s; two slots.
    expect(at('nas01a-ibm:R_v2').predictedStart).toBe(new Date(T0).toISOString());
    expect(at('nas01a-ibm:R_v3').predictedStart).toBe(new Date(T0).toISOString());
    expect(at('nas01a-ibm:R_v1').predictedStart).toBe(new Date(T0 + 2048_000).toISOString());
    expect(plan.predictedSeconds).toBe(3072);
    expect(plan.transfers.every((t) => t.outcome === 'succeeded')).toBe(true);
  });

  it('lists what would not start in this run and why', () => {
    const config = testConfig('defaultRateKBps: 1024\n');
    const specs = parseScheduleFile('v1\nv2\n', 'a.conf', 'nas01a-ibm', config);
    const relationships = new Map([['nas01a-ibm', [rel('nas01a-ibm:R_v1', { last: { bytes: 100 * GiB } })]]]);
    const plan = planNight({ specs, relationships, config, order: 'config', start: T0 });
    expect(plan.transfers.map((t) => [t.destination, t.outcome, t.reason])).toEqual([
      ['nas01a-ibm:R_v1', 'deferred', 'would run into business hours'],
      [
        'nas01a-ibm:R_v2',
        'skipped',
        'no such relationship on the filer; baseline not allowed (set allowBaseline or baseline=yes)',
      ],
    ]);
  });
});
