// The package as a user imports it: plan a night, simulate it, render the report.

import * as scheduler from '@opskit/snapmirror-scheduler';
import { describe, expect, it } from 'vitest';
import { generateNight } from '../src/generate.js';

describe('@opskit/snapmirror-scheduler public entry', () => {
  it('exports the library functions the docs name', () => {
    for (const name of [
      'loadConfig',
      'loadSchedules',
      'createClients',
      'runSchedule',
      'planNight',
      'renderHtmlReport',
      'SchedulerEngine',
      'lowerBound',
      'configSchema',
      'simulateNight',
    ]) {
      expect(scheduler, name).toHaveProperty(name);
    }
  });

  it('parses a configuration and schedule, plans and simulates a night through the public API', async () => {
    const scenario = generateNight({
      seed: 7,
      transfers: 20,
      medianBytes: 2 * 1024 ** 3,
      sigma: 1,
      predictionNoise: 0.1,
      rateKBps: 10240,
      linkKBps: 40960,
      perFiler: { business: 1, offHours: 3 },
      global: { business: 1, offHours: 5 },
    });
    const result = await scheduler.simulateNight({ scenario, order: 'size' });
    expect(result.counts.succeeded).toBe(20);
    expect(result.maxConcurrent.global).toBeLessThanOrEqual(5);

    expect(result.makespanSeconds).toBeGreaterThanOrEqual(result.lowerBound.seconds * (1 - 1e-9));
    expect(result.ratio).toBeGreaterThanOrEqual(1 - 1e-9);
    const html = scheduler.renderHtmlReport(result.summary);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
