import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCluster, readClusterShare, renderCluster } from './cluster.js';
import { clusterExtendOutput } from './cluster-cache.js';
import { extendOutput } from './extend-output.js';
import { renderSnmpdConfig } from './snmpd-config.js';

let tmp: TempDir;
beforeEach(() => {
  tmp = makeTempDir('xen-share-');
});
afterEach(() => tmp.remove());

describe('cluster share', () => {
  it('lists dom0 folders and their <domU>.cfg files, warning about everything else', () => {
    for (const [d, files] of Object.entries({
      srxen01: ['www01.cfg', 'www02.cfg', 'notes.txt'],
      srxen02: ['www01.cfg'],
      'bad name': ['x.cfg'],
    })) {
      mkdirSync(tmp.join(d));
      for (const f of files) writeFileSync(tmp.join(d, f), '');
    }
    writeFileSync(tmp.join('README'), '');
    const l = readClusterShare(tmp.path);
    expect(l.dom0s).toEqual([
      { name: 'srxen01', domUs: ['www01', 'www02'] },
      { name: 'srxen02', domUs: ['www01'] },
    ]);
    expect(l.warnings).toEqual([
      'bad name: not a valid host name, ignored',
      'README: not a dom0 folder, ignored',
      'srxen01/notes.txt: not a <domU>.cfg file, ignored',
      'www01: configured on both srxen01 and srxen02',
    ]);
    const text = renderCluster(l);
    expect(text.split('\n')[0]).toBe('# opskit-xen-cluster 1 dom0s=2 domus=3');
    expect(parseCluster(text)).toEqual(l);
  });

  it('refuses a listing that does not add up', () => {
    expect(() => parseCluster('# opskit-xen-cluster 1 dom0s=3 domus=0\na\n')).toThrow(
      /announces 3 dom0s but holds 1/,
    );
    expect(() => parseCluster('Timeout: No Response\n')).toThrow(/line 1/);
  });
});

describe('extend output', () => {
  const head =
    '# opskit-xen-raw 1 host=x time=1 status=WARNING domains=3 problems=1\nWARNING web01 - cpu 90 cpu busy\n';
  it('prints a fresh cache as it is, with its status as exit code', () => {
    writeFileSync(tmp.join('c.raw'), head);
    expect(extendOutput(tmp.join('c.raw'), 600_000)).toEqual({ text: head, exitCode: 1 });
  });
  it('flags a cache older than expected (the collector stopped)', () => {
    writeFileSync(tmp.join('c.raw'), '# opskit-xen-raw 1 host=x time=1 status=OK domains=3 problems=0\n');
    const old = Date.now() / 1000 - 3600;
    utimesSync(tmp.join('c.raw'), old, old);
    const out = extendOutput(tmp.join('c.raw'), 900_000);
    expect(out.exitCode).toBe(3);
    expect(out.text).toMatch(
      /^# opskit-xen-raw 1 host=x time=1 status=UNKNOWN domains=3 problems=1\nUNKNOWN Domain-0 - collector-cache - collector cache is 60m old \(limit 15m\)/,
    );
  });
  it('reports a missing cache as UNKNOWN in the same format', () => {
    const out = extendOutput(tmp.join('none.raw'), 900_000, 0, 'xa1');
    expect(out.exitCode).toBe(3);
    expect(out.text).toContain(
      'status=UNKNOWN domains=0 problems=1\nUNKNOWN Domain-0 - collector-cache - no collector cache',
    );
  });
});

describe('cluster listing extend (prints the collector’s cache, never the share)', () => {
  const listing = '# opskit-xen-cluster 1 dom0s=1 domus=2\nsrxen01 www01 www02\n';
  it('prints a fresh cache as it is', () => {
    writeFileSync(tmp.join('c.listing'), listing);
    expect(clusterExtendOutput(tmp.join('c.listing'), 900_000)).toEqual({ text: listing, exitCode: 0 });
  });
  it('flags a stale cache with a warning line the aggregator parses, exit 1', () => {
    writeFileSync(tmp.join('c.listing'), listing);
    const old = Date.now() / 1000 - 3600;
    utimesSync(tmp.join('c.listing'), old, old);
    const out = clusterExtendOutput(tmp.join('c.listing'), 900_000);
    expect(out.exitCode).toBe(1);
    expect(parseCluster(out.text)).toEqual({
      dom0s: [{ name: 'srxen01', domUs: ['www01', 'www02'] }],
      warnings: [expect.stringMatching(/^stale: cluster listing cache is 60m old \(limit 15m\)/)],
    });
  });
  it('reports a missing cache as an error line, exit 3', () => {
    const out = clusterExtendOutput(tmp.join('none.listing'), 900_000);
    expect(out.exitCode).toBe(3);
    expect(out.text).toMatch(
      /^# opskit-xen-cluster error: no cluster listing cache .*none\.listing \(ENOENT\)/,
    );
  });
});

describe('snmpd configuration', () => {
  it('prints extend entries, a view and the v2c and v3 access lines', () => {
    const text = renderSnmpdConfig({
      node: '/usr/bin/node',
      printer: '/usr/lib/opskit/extend-print.js',
      cacheFile: '/var/cache/opskit/xen-dom0-collector.raw',
      maxAgeSeconds: 900,
      resultsName: 'xenmonitor',
      clusterCacheFile: '/var/cache/opskit/xen-cluster.listing',
      clusterName: 'xencluster',
      cacheTimeSeconds: 30,
      v2c: { community: 'monit0r', source: '10.0.0.0/24' },
      v3: { user: 'xenmon', authPassword: 'authpass123', privPassword: 'privpass123' },
    });
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual([
      'extend -cacheTime 30 xenmonitor /usr/bin/node /usr/lib/opskit/extend-print.js results /var/cache/opskit/xen-dom0-collector.raw 900',
      'extend -cacheTime 30 xencluster /usr/bin/node /usr/lib/opskit/extend-print.js cluster /var/cache/opskit/xen-cluster.listing 900',
      'view opskitxen included .1.3.6.1.4.1.8072.1.3.2',
      'rocommunity monit0r 10.0.0.0/24 -V opskitxen',
      'createUser xenmon SHA "authpass123" AES "privpass123"',
      'rouser xenmon priv -V opskitxen',
      '',
    ]);
  });
});
