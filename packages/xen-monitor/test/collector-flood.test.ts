// Guests that fill their own xenstore space (many nodes of control bytes, escaped 4 characters each by
// the clients) must not stop the collector: every read is per domain, so the others still get results.
import { existsSync } from 'node:fs';
import { VirtualClock } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import {
  CliXenStore,
  type CollectorConfig,
  formatRecord,
  parseCollectorConfig,
  runCollector,
} from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type XenWorld } from './helpers.js';

let w: XenWorld;
let tmp: TempDir;
let config: CollectorConfig;
const clock = new VirtualClock({ start: Date.parse('2026-01-01T00:00:00Z') });

/** As guest `domid`: `n` nodes of 1900 bytes of \x01 below its data/, 98 per directory (node-size quota). */
function flood(domid: number, n: number): void {
  const junk = Buffer.alloc(1900, 1);
  for (let i = 0; i < n; i++)
    w.xs.tree.write(`/local/domain/${domid}/data/j${Math.floor(i / 98)}/${i % 98}`, junk, domid);
}

beforeAll(async () => {
  w = await startWorld([
    { domid: 3, name: 'web01' },
    { domid: 4, name: 'flood01' },
    { domid: 5, name: 'flood02' },
  ]);
  tmp = makeTempDir('xen-flood-');
  config = parseCollectorConfig(
    JSON.stringify({
      domains: { source: 'xenstore' },
      stateFile: tmp.join('state.json'),
      cacheFile: tmp.join('cache.raw'),
      dom0: { enabled: false },
    }),
  );
  const record = formatRecord({
    agent: '0.1.0',
    host: 'web01',
    time: clock.now() / 1000,
    checks: [{ name: 'load', status: 'OK', value: 0.1, message: 'load 0.1' }],
  });
  await (await w.guest(3)).write('data/opskit-xen/record', record);
  flood(4, 975);
  flood(5, 975);
}, 120_000);
afterAll(async () => {
  await w?.xs.stop();
  tmp?.remove();
});

describe('collector against guests flooding their own xenstore space', () => {
  it('still reports the healthy guest and writes the cache and state', async () => {
    const r = await runCollector({ config, store: w.dom0, clock, hostName: 'dom0a' });
    const by = Object.fromEntries(r.domains.map((d) => [d.name, d]));
    expect(by['web01']).toMatchObject({ record: 'new', status: 'OK' });
    expect(Object.keys(by).sort()).toEqual(['flood01', 'flood02', 'web01']);
    expect(existsSync(config.cacheFile)).toBe(true);
    expect(existsSync(config.stateFile)).toBe(true);
  }, 120_000);

  it('reports a domain whose reads overflow the output limit as unreadable (UNKNOWN), the others unaffected', async () => {
    const store = new CliXenStore({ socketPath: w.xs.socketPath, maxOutputBytes: 256 * 1024 });
    await expect(store.readTree('/local/domain/4')).rejects.toThrow(
      /xenstore ls \/local\/domain\/4: .*xenstore-ls output over the 262144-byte limit \(cut off; not parsed\)/,
    );
    const r = await runCollector({ config, store, clock, hostName: 'dom0a', dryRun: true });
    const by = Object.fromEntries(r.domains.map((d) => [d.name, d]));
    expect(by['web01']).toMatchObject({ status: 'OK' });
    for (const name of ['flood01', 'flood02']) {
      expect(by[name]).toMatchObject({ record: 'unreadable', status: 'UNKNOWN' });
      expect(by[name]?.checks[0]?.message).toMatch(/cannot read from xenstore: .*over the 262144-byte limit/);
    }
    expect(r.status).toBe('UNKNOWN');
  }, 120_000);
});
