// dom0 collector scenarios with the test xenstored and the real clients: guests write their records as
// themselves, dom0 reads them; stale, missing, forged, oversized and malformed records.
import { VirtualClock } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import {
  type CollectorConfig,
  formatRecord,
  parseCollectorConfig,
  parseRaw,
  renderRaw,
  runCollector,
} from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type XenWorld } from './helpers.js';

let w: XenWorld;
let tmp: TempDir;
let config: CollectorConfig;
const clock = new VirtualClock({ start: Date.parse('2026-01-01T00:00:00Z') });

/** `time` is the guest's own timestamp (default: the dom0 clock), which the collector must ignore. */
const record = (host: string, status: 'OK' | 'WARNING' = 'OK', n = 0, time = clock.now() / 1000 + n) =>
  formatRecord({
    agent: '0.1.0',
    host,
    time,
    checks: [
      { name: 'disk:/', status, value: status === 'OK' ? 40 : 90, unit: '%', message: `/ used (run ${n})` },
    ],
  });

beforeAll(async () => {
  w = await startWorld([
    { domid: 3, name: 'web01' },
    { domid: 4, name: 'db01' },
    { domid: 5, name: 'silent01' },
    { domid: 6, name: 'evil01' },
  ]);
  tmp = makeTempDir('xen-collector-');
  config = parseCollectorConfig(
    JSON.stringify({
      domains: { source: 'xenstore' },
      staleAfter: '12m',
      missingGrace: '10m',
      stateFile: tmp.join('state.json'),
      cacheFile: tmp.join('cache.raw'),
      metricsFile: tmp.join('xen.prom'),
      dom0: { enabled: false },
    }),
  );
});
afterAll(async () => {
  await w?.xs.stop();
  tmp?.remove();
});

const collect = () => runCollector({ config, store: w.dom0, clock, hostName: 'dom0a' });

/** A guest timestamp two years before the run: its agent's clock is wrong, the record still changes. */
const OLD = Date.parse('2024-01-01T00:00:00Z') / 1000;

describe('dom0 collector over xenstore', () => {
  it('reads each guest’s own record and lets no guest forge or delete another’s', async () => {
    await (await w.guest(3)).write('data/opskit-xen/record', record('web01'));
    // db01 claims a time a year ahead: a check on the guest's timestamp would never call it stale
    await (await w.guest(4)).write(
      'data/opskit-xen/record',
      record('db01', 'WARNING', 0, clock.now() / 1000 + 365 * 86400),
    );
    const evil = await w.guest(6);
    await expect(
      evil.write('/local/domain/3/data/opskit-xen/record', record('web01', 'WARNING')),
    ).rejects.toThrow();
    await expect(evil.remove('/local/domain/4/data/opskit-xen/record')).rejects.toThrow();
    await expect(evil.write('/local/domain/5/data/opskit-xen/record', record('silent01'))).rejects.toThrow();
    await evil.write(
      'data/opskit-xen/record',
      'opskit-xen 1\nagent 0.1.0\nhost evil01\ntime 1\ncheck x OK 1 % $(rm -rf /)`id`',
    );

    const r = await collect();
    const by = Object.fromEntries(r.domains.map((d) => [d.name, d]));
    expect(by['web01']).toMatchObject({
      record: 'new',
      status: 'OK',
      uuid: '00000000-0000-4000-8000-000000000003',
    });
    expect(by['db01']).toMatchObject({ status: 'WARNING' });
    expect(by['silent01']).toMatchObject({ record: 'missing', status: 'OK' });
    expect(by['evil01']?.checks[0]?.message).toContain('$(rm -rf /)');
    expect(r.status).toBe('WARNING');
  });

  it('flags a record that stopped changing, judged by dom0’s clock and not the guest’s timestamp', async () => {
    clock.advance(5 * 60_000);
    // web01's agent keeps running; db01's agent died but its last record claims to be from the future
    await (await w.guest(3)).write('data/opskit-xen/record', record('web01', 'OK', 1, OLD));
    await collect();
    clock.advance(5 * 60_000);
    await (await w.guest(3)).write('data/opskit-xen/record', record('web01', 'OK', 2, OLD));
    await collect();
    clock.advance(5 * 60_000);
    await (await w.guest(3)).write('data/opskit-xen/record', record('web01', 'OK', 3, OLD));
    const r = await collect();
    const by = Object.fromEntries(r.domains.map((d) => [d.name, d]));
    expect(by['web01']?.record).toBe('ok');
    expect(by['db01']).toMatchObject({ record: 'stale', status: 'CRITICAL' });
    expect(by['db01']?.checks[0]?.message).toMatch(/unchanged for 15m \(limit 12m\)/);
    expect(by['silent01']).toMatchObject({ record: 'missing', status: 'WARNING' });
    expect(r.status).toBe('CRITICAL');
  });

  it('reports oversized and malformed records as such without breaking the others', async () => {
    const g = await w.guest(4);
    await g.write(
      'data/opskit-xen/record',
      `opskit-xen 1\nagent 0.1.0\nhost db01\ntime 1\n${'check a OK 1 % x\n'.repeat(110)}`,
    );
    await (await w.guest(5)).write('data/opskit-xen/record', 'garbage');
    const r = await collect();
    const by = Object.fromEntries(r.domains.map((d) => [d.name, d]));
    expect(by['db01']).toMatchObject({ record: 'malformed', status: 'CRITICAL' });
    expect(by['db01']?.checks[0]?.message).toMatch(/over the 1900-byte limit/);
    expect(by['silent01']?.checks[0]?.message).toMatch(/record rejected: line 1/);
    expect(by['web01']?.status).toBe('OK');
  });

  it('keys results by name and UUID, so a migrated domain (new domid) keeps its history', async () => {
    w.xs.removeDomain(3);
    w.xs.addDomain({ domid: 13, name: 'web01', uuid: '00000000-0000-4000-8000-000000000003' });
    await (await w.guest(13)).write('data/opskit-xen/record', record('web01', 'OK', 4));
    const r = await collect();
    const web = r.domains.find((d) => d.name === 'web01');
    expect(web).toMatchObject({ domid: 13, record: 'ok' });
  });

  it('writes the raw cache and the metrics file atomically, in stable formats', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const files = [config.stateFile, config.cacheFile, config.metricsFile!];
    const inodes = files.map((f) => statSync(f).ino);
    await collect();
    // each file was replaced by a rename (a new inode: a reader never opens a half-written file) and no
    // temporary file is left behind
    expect(files.map((f) => statSync(f).ino).every((ino, i) => ino !== inodes[i])).toBe(true);
    expect(readdirSync(tmp.path).sort()).toEqual(['cache.raw', 'state.json', 'xen.prom']);
    const raw = parseRaw(readFileSync(config.cacheFile, 'utf8'));
    expect(raw).toMatchObject({ host: 'dom0a', status: 'CRITICAL', domains: 4 });
    expect(raw.lines.map((l) => `${l.status} ${l.domain} ${l.check}`)).toEqual([
      'CRITICAL db01 record',
      'CRITICAL silent01 record',
      'CRITICAL evil01 record',
    ]);
    const prom = readFileSync(config.metricsFile!, 'utf8');
    expect(prom).toContain(
      'xen_monitor_domain_status{domain="db01",uuid="00000000-0000-4000-8000-000000000004"} 2',
    );
    expect(prom).not.toContain('# EOF');
  });

  it('lists running domains with xl list (a stand-in xl printing its real format), UUIDs from xenstore', async () => {
    const { chmodSync, writeFileSync } = await import('node:fs');
    const xl = tmp.join('xl');
    writeFileSync(
      xl,
      '#!/bin/sh\n[ "$1" = list ] || exit 1\ncat <<EOF\n' +
        'Name                                        ID   Mem VCPUs\tState\tTime(s)\n' +
        'Domain-0                                     0  4096     4     r-----    1234.5\n' +
        'db01                                         4  2048     2     -b----      98.2\n' +
        'EOF\n',
    );
    chmodSync(xl, 0o755);
    const r = await runCollector({
      config: { ...config, domains: { ...config.domains, source: 'xl', xlCommand: xl } },
      store: w.dom0,
      clock,
      dryRun: true,
    });
    expect(r.domains.map((d) => [d.name, d.domid, d.uuid])).toEqual([
      ['db01', 4, '00000000-0000-4000-8000-000000000004'],
    ]);
  });

  it('renders the raw form so that parseRaw reads back every line', async () => {
    const r = await collect();
    const text = renderRaw(r, true);
    expect(parseRaw(text).lines.length).toBe(r.domains.reduce((n, d) => n + d.checks.length, 0));
  });

  it('reports a record spoofing the collector’s own `record` line, or repeating a check, as malformed', async () => {
    const head = 'opskit-xen 1\nagent 0.1.0\nhost evil01\ntime 1\n';
    const evil = await w.guest(6);
    await evil.write('data/opskit-xen/record', `${head}check record OK - - record fresh\n`);
    let r = await collect();
    let evil01 = r.domains.find((d) => d.name === 'evil01');
    expect(evil01).toMatchObject({ record: 'malformed', status: 'CRITICAL' });
    expect(evil01?.checks).toHaveLength(1);
    expect(evil01?.checks[0]?.message).toMatch(/line 5: check name "record" is reserved/);
    await evil.write('data/opskit-xen/record', `${head}check cpu OK 1 % a\ncheck cpu OK 2 % b\n`);
    r = await collect();
    evil01 = r.domains.find((d) => d.name === 'evil01');
    expect(evil01).toMatchObject({ record: 'malformed', status: 'CRITICAL' });
    expect(evil01?.checks[0]?.message).toMatch(/line 6: duplicate check name "cpu"/);
  });

  it('lists the configuration share into the cluster cache, and keeps the cache when the share is unreadable', async () => {
    const { mkdirSync, readFileSync, statSync, writeFileSync } = await import('node:fs');
    mkdirSync(tmp.join('share/srxen01'), { recursive: true });
    writeFileSync(tmp.join('share/srxen01/web01.cfg'), 'name = "web01"\n');
    const cluster = { clusterDir: tmp.join('share'), clusterCacheFile: tmp.join('cluster.listing') };
    const r = await runCollector({ config: { ...config, ...cluster }, store: w.dom0, clock });
    expect(r.warnings).toEqual([]);
    const listing = '# opskit-xen-cluster 1 dom0s=1 domus=1\nsrxen01 web01\n';
    expect(readFileSync(cluster.clusterCacheFile, 'utf8')).toBe(listing);
    const ino = statSync(cluster.clusterCacheFile).ino;
    const gone = { ...cluster, clusterDir: tmp.join('no-share') };
    const again = await runCollector({ config: { ...config, ...gone }, store: w.dom0, clock });
    expect(again.warnings).toEqual([
      expect.stringMatching(
        /^configuration share .*no-share unreadable \(ENOENT\); the cluster listing cache is kept/,
      ),
    ]);
    expect(readFileSync(cluster.clusterCacheFile, 'utf8')).toBe(listing);
    expect(statSync(cluster.clusterCacheFile).ino).toBe(ino);
  });
});
