// The SNMP side end to end: real snmpd instances on 127.0.0.1 (two "datacenters"), whose extend lines
// print what the real collector wrote from prepared xenstore state; the aggregator reads them with
// net-snmp and its values are checked against the snmpget command-line client's.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { VirtualClock } from '@opskit/core';
import { builtBin, freePort, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import { startSnmpd, type TestSnmpd } from '@opskit/testkit/snmpd';
import { startXenstored, type TestXenstored } from '@opskit/testkit/xenstored';
import { extendOids, formatRecord, parseRaw, parseReportConfig, runClusterReport } from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireXenstoreClients } from './helpers.js';

const V2 = ['rocommunity testcomm 127.0.0.1 -V opskitxen', 'view opskitxen included .1.3.6.1.4.1.8072.1.3.2'];
const V3 = ['createUser tuser SHA "authpass123" AES "privpass123"', 'rouser tuser priv -V opskitxen'];

let tmp: TempDir;
const daemons: TestSnmpd[] = [];
const stores: TestXenstored[] = [];
const ports: Record<string, string> = {};

function snmpget(
  target: string,
  oid: string,
  extra: string[] = ['-v2c', '-c', 'testcomm'],
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(
      'snmpget',
      [...extra, '-On', '-Oqv', '-t', '3', '-r', '1', target, oid],
      { env: { ...process.env, MIBS: '' } },
      (err, out) => resolve({ code: (err as { code?: number } | null)?.code ?? 0, out }),
    ),
  );
}

/** A dom0: a test xenstored with its domUs, the real collector run once, and snmpd exposing the cache. */
async function dom0(
  name: string,
  domUs: { name: string; record?: string }[],
  extra: { cluster?: string; v3?: boolean; results?: string } = {},
) {
  const xs = await startXenstored();
  stores.push(xs);
  xs.addDomain({ domid: 0, name: 'Domain-0' });
  domUs.forEach((d, i) => {
    xs.addDomain({ domid: i + 1, name: d.name });
    if (d.record)
      xs.tree.write(`/local/domain/${i + 1}/data/opskit-xen/record`, Buffer.from(d.record), i + 1);
  });
  const cache = tmp.join(`${name}.raw`);
  const listing = tmp.join(`${name}.listing`);
  const cluster = extra.cluster ? `clusterDir: ${extra.cluster}\nclusterCacheFile: ${listing}\n` : '';
  writeFileSync(
    tmp.join(`${name}.yaml`),
    `domains: { source: xenstore }\nstateFile: ${tmp.join(`${name}.state`)}\ncacheFile: ${cache}\nmissingGrace: 0s\ndom0: { enabled: false }\n${cluster}`,
  );
  const r = await runNode(
    builtBin('xen-monitor', 'dom0-cli.js'),
    ['collect', '-c', tmp.join(`${name}.yaml`), '--socket', xs.socketPath, '-f', 'raw'],
    {
      timeoutMs: 60_000,
    },
  );
  if (r.stderr) throw new Error(r.stderr);
  const printer = builtBin('xen-monitor', 'extend-print.js');
  const lines = [
    ...V2,
    ...(extra.v3 ? V3 : []),
    extra.results ?? `extend xenmonitor ${process.execPath} ${printer} results ${cache} 900`,
    ...(extra.cluster ? [`extend xencluster ${process.execPath} ${printer} cluster ${listing} 900`] : []),
  ];
  const s = await startSnmpd({ lines });
  daemons.push(s);
  ports[name] = s.target;
  return s;
}

const rec = (host: string, status: 'OK' | 'WARNING' | 'CRITICAL', check = 'disk:/') =>
  formatRecord({
    agent: '0.1.0',
    host,
    time: 1,
    checks: [
      { name: check, status, value: 91, unit: '%', message: `${check} ${status.toLowerCase()} on ${host}` },
    ],
  });

function share(dir: string, layout: Record<string, string[]>) {
  for (const [d0, guests] of Object.entries(layout)) {
    mkdirSync(`${tmp.path}/${dir}/${d0}`, { recursive: true });
    for (const g of guests) writeFileSync(`${tmp.path}/${dir}/${d0}/${g}.cfg`, `name = "${g}"\n`);
  }
  return `${tmp.path}/${dir}`;
}

beforeAll(async () => {
  requireXenstoreClients();
  tmp = makeTempDir('xen-snmp-');
  const dc1 = share('dc1', { xa1: ['web01', 'web02'], xa2: ['big'], xdead: ['lost01'] });
  const dc2 = share('dc2', { xb1: ['db01'], xbgarbage: ['odd01'] });
  ports['xdead'] = `127.0.0.1:${await freePort()}`;
  await Promise.all([
    dom0(
      'xa1',
      [
        { name: 'web01', record: rec('web01', 'OK') },
        { name: 'web02', record: rec('web02', 'CRITICAL') },
      ],
      { cluster: dc1 },
    ),
    // very long output: 150 silent domUs, one line each
    dom0(
      'xa2',
      Array.from({ length: 150 }, (_, i) => ({
        name: `silent-guest-with-a-long-name-${String(i).padStart(3, '0')}`,
      })),
    ),
    dom0('xb1', [{ name: 'db01', record: rec('db01', 'WARNING', 'swap-activity') }], {
      cluster: dc2,
      v3: true,
    }),
    dom0('xbgarbage', [], { results: `extend xenmonitor /bin/sh -c "echo this is not a report; exit 2"` }),
  ]);
  // the collector listed the shares into its cache; snmpd's extend must not need them (an NFS share
  // can hang inside snmpd): take them away, discovery below still works from the cache
  for (const dir of [dc1, dc2]) renameSync(dir, `${dir}.unmounted`);
}, 180_000);

afterAll(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  await Promise.all(stores.map((s) => s.stop()));
  tmp?.remove();
});

const cfg = (extra: object = {}) =>
  parseReportConfig(
    JSON.stringify({
      snmp: { community: 'testcomm', timeoutMs: 1500, retries: 0 },
      datacenters: [
        { name: 'dc1', principals: ['xa1'] },
        { name: 'dc2', principals: ['xb1'] },
      ],
      hosts: ports,
      ...extra,
    }),
  );

describe('xen-cluster-report against real snmpd', () => {
  it('discovers dom0s in two datacenters, reads every one, and sets the unreachable and broken ones apart', async () => {
    const r = await runClusterReport({ config: cfg(), auth: { version: '2c', community: 'testcomm' } });
    const by = Object.fromEntries(r.dom0s.map((d) => [d.name, d]));
    expect(r.dom0s.map((d) => `${d.datacenter}/${d.name}`)).toEqual([
      'dc1/xa1',
      'dc1/xa2',
      'dc1/xdead',
      'dc2/xb1',
      'dc2/xbgarbage',
    ]);
    expect(by['xa1']).toMatchObject({ state: 'ok', status: 'CRITICAL', extendResult: 2 });
    expect(by['xa1']?.report?.lines).toContainEqual(
      expect.objectContaining({ domain: 'web02', check: 'disk:/', status: 'CRITICAL' }),
    );
    expect(by['xa2']?.report?.lines).toHaveLength(150);
    expect(by['xdead']).toMatchObject({ state: 'unreachable', status: 'CRITICAL' });
    expect(by['xb1']).toMatchObject({ state: 'ok', status: 'WARNING' });
    expect(by['xbgarbage']).toMatchObject({ state: 'bad-output', extendResult: 2 });
    expect(by['xbgarbage']?.error).toMatch(/printed something unexpected/);
    expect(r.status).toBe('CRITICAL');
  });

  it('agrees with the snmpget command-line client on every readable dom0', async () => {
    const r = await runClusterReport({ config: cfg(), auth: { version: '2c', community: 'testcomm' } });
    const o = extendOids('xenmonitor');
    for (const d of r.dom0s.filter((x) => x.state === 'ok')) {
      const full = await snmpget(ports[d.name]!, o.outputFull);
      const res = await snmpget(ports[d.name]!, o.result);
      expect(full.code).toBe(0);
      const text = full.out.trim().replace(/^"|"$/g, '');
      expect(parseRaw(text)).toEqual(d.report);
      expect(Number(res.out.trim())).toBe(d.extendResult);
    }
  });

  it('bounds a whole run by the per-host deadline: dead principal and dead dom0s cost one timeout, in parallel', async () => {
    for (const n of ['xdeadp', 'xdead2', 'xdead3', 'xdead4', 'xdeadq'])
      ports[n] ??= `127.0.0.1:${await freePort()}`;
    const timeoutMs = 4000;
    const t = Date.now();
    const r = await runClusterReport({
      config: cfg({
        // retries 2: with a per-attempt timeout this would cost 3 x timeoutMs per host, one after another
        snmp: { community: 'testcomm', timeoutMs, retries: 2 },
        datacenters: [
          { name: 'dc1', principals: ['xdeadp', 'xa1'] },
          { name: 'dc2', principals: ['xb1'], dom0s: ['xdead2', 'xdead3'] },
          { name: 'dc3', principals: ['xdeadq'] },
        ],
        dom0s: ['xdead4'],
      }),
      auth: { version: '2c', community: 'testcomm' },
    });
    const elapsed = Date.now() - t;
    const by = Object.fromEntries(r.dom0s.map((d) => [d.name, d]));
    for (const n of ['xdead', 'xdead2', 'xdead3', 'xdead4']) expect(by[n]?.state).toBe('unreachable');
    expect(by['xa1']).toMatchObject({ state: 'ok', datacenter: 'dc1' });
    expect(r.discovery).toEqual([
      { datacenter: 'dc3', message: expect.stringMatching(/^no principal answered .*xdeadq: no answer/) },
    ]);
    // a bound, not a benchmark: one deadline plus start-up, well under two deadlines
    expect(elapsed).toBeLessThan(2 * timeoutMs);
  }, 60_000);

  it('flags a dom0 whose collector report (header time=) is older than maxCacheAge as stale', async () => {
    const auth = { version: '2c' as const, community: 'testcomm' };
    const later = new VirtualClock({ start: Date.now() + 3_600_000 });
    const r = await runClusterReport({ config: cfg(), auth, clock: later });
    const xa1 = r.dom0s.find((d) => d.name === 'xa1');
    expect(xa1).toMatchObject({ state: 'stale', status: 'CRITICAL' });
    expect(xa1?.error).toMatch(/^collector report is 6\dm old \(maxCacheAge 15m\)/);
    expect(r.dom0s.find((d) => d.name === 'xb1')).toMatchObject({ state: 'stale', status: 'WARNING' });
    const lenient = await runClusterReport({ config: cfg({ maxCacheAge: '2h' }), auth, clock: later });
    expect(lenient.dom0s.find((d) => d.name === 'xa1')).toMatchObject({ state: 'ok', status: 'CRITICAL' });
  });

  it('reports a wrong community as no answer from every dom0, and failed discovery per datacenter', async () => {
    const r = await runClusterReport({ config: cfg(), auth: { version: '2c', community: 'wrongcomm' } });
    expect(r.dom0s).toEqual([]);
    expect(r.discovery.map((p) => p.datacenter)).toEqual(['dc1', 'dc2']);
    expect(r.discovery[0]?.message).toMatch(/xa1: no answer/);
    expect(r.status).toBe('CRITICAL');
  });

  it('takes dom0s from a file as well, and names a bad line', async () => {
    writeFileSync(tmp.join('dom0s'), '# static list\nxa1 dc1\nxb1\n');
    const r = await runClusterReport({
      config: cfg({ datacenters: [], dom0File: tmp.join('dom0s') }),
      auth: { version: '2c', community: 'testcomm' },
    });
    expect(r.dom0s.map((d) => [d.name, d.datacenter, d.state])).toEqual([
      ['xb1', undefined, 'ok'],
      ['xa1', 'dc1', 'ok'],
    ]);
    writeFileSync(tmp.join('dom0s'), 'xa1 dc1 extra\n');
    await expect(
      runClusterReport({
        config: cfg({ datacenters: [], dom0File: tmp.join('dom0s') }),
        auth: { version: '2c', community: 'testcomm' },
      }),
    ).rejects.toThrow(/dom0s:1: expected "<dom0> \[datacenter\]"/);
  });

  it('reads over SNMPv3 authPriv, and names refused credentials', async () => {
    const config = parseReportConfig(
      JSON.stringify({ snmp: { version: '3', timeoutMs: 1500, retries: 0 }, dom0s: ['xb1'], hosts: ports }),
    );
    const user = {
      name: 'tuser',
      authProtocol: 'sha',
      authKey: 'authpass123',
      privProtocol: 'aes',
      privKey: 'privpass123',
    } as const;
    const ok = await runClusterReport({ config, auth: { version: '3', user } });
    expect(ok.dom0s[0]).toMatchObject({ name: 'xb1', state: 'ok', status: 'WARNING' });
    const v3get = await snmpget(ports['xb1']!, extendOids('xenmonitor').result, [
      '-v3',
      '-u',
      'tuser',
      '-l',
      'authPriv',
      '-a',
      'SHA',
      '-A',
      'authpass123',
      '-x',
      'AES',
      '-X',
      'privpass123',
    ]);
    expect(Number(v3get.out.trim())).toBe(ok.dom0s[0]?.extendResult);
    const bad = await runClusterReport({
      config,
      auth: { version: '3', user: { ...user, authKey: 'wrongpass99' } },
    });
    expect(bad.dom0s[0]).toMatchObject({
      state: 'auth-failed',
      error: expect.stringMatching(/Wrong Digest/),
    });
    expect(bad.status).not.toBe('OK');
  });

  it('runs as a process: human, raw, nagios and openmetrics, credentials from a mode-600 file', async () => {
    const comm = tmp.join('community');
    writeFileSync(comm, 'testcomm\n');
    chmodSync(comm, 0o600);
    writeFileSync(
      tmp.join('report.yaml'),
      JSON.stringify({ snmp: { communityFile: comm, timeoutMs: 1500, retries: 0 }, hosts: ports }),
    );
    const bin = builtBin('xen-monitor', 'report-cli.js');
    const base = [
      'report',
      '-c',
      tmp.join('report.yaml'),
      '--principal',
      'dc1=xa1',
      '--principal',
      'dc2=xb1',
    ];
    const human = await runNode(bin, base, { timeoutMs: 60_000 });
    expect(human.code).toBe(2);
    const pos = (s: string) => human.stdout.indexOf(s);
    expect(pos('UNREACHABLE OR UNREADABLE DOM0S:')).toBeGreaterThan(0);
    expect(pos('UNREACHABLE OR UNREADABLE DOM0S:')).toBeLessThan(pos('SILENT DOMUS'));
    expect(pos('SILENT DOMUS')).toBeLessThan(pos('ERRORS:'));
    expect(pos('ERRORS:')).toBeLessThan(pos('WARNINGS:'));
    expect(human.stdout).toMatch(/ERRORS:\n {2}dc1\/xa1\n {4}web02 disk:\/: /);
    expect(human.stdout).not.toContain('testcomm');
    const raw = await runNode(bin, [...base, '-f', 'raw'], { timeoutMs: 60_000 });
    expect(raw.stdout).toMatch(
      /^# opskit-xen-cluster-raw 1 time=\d+ status=CRITICAL dom0s=5 unreachable=2 problems=\d+\n/,
    );
    expect(raw.stdout).toContain('CRITICAL dc1 xdead - snmp - unreachable: no answer');
    expect(raw.stdout).toContain('CRITICAL dc1 xa1 web02 disk:/ 91 disk:/ critical on web02');
    const nagios = await runNode(bin, [...base, '-f', 'nagios'], { timeoutMs: 60_000 });
    expect(nagios.stdout).toMatch(
      /^XEN-CLUSTER CRITICAL: 2 dom0 unreachable \(dc1\/xdead, dc2\/xbgarbage\), 150 silent domU\(s\), .* \| dom0s=5;;;0 unreachable=2;;;0 /,
    );
    const om = await runNode(bin, [...base, '-f', 'openmetrics'], { timeoutMs: 60_000 });
    expect(om.stdout).toContain('xen_cluster_dom0_up{dom0="xdead",datacenter="dc1"} 0');
    expect(om.stdout.endsWith('# EOF\n')).toBe(true);
  });

  it('serves the metrics for a Prometheus scrape on 127.0.0.1', async () => {
    const port = await freePort();
    const { spawn } = await import('node:child_process');
    const child = spawn(
      process.execPath,
      [
        builtBin('xen-monitor', 'report-cli.js'),
        'report',
        '--community',
        'testcomm',
        '--timeout',
        '1500',
        '--retries',
        '0',
        '--dom0',
        'xa1',
        '--host',
        `xa1=${ports['xa1']}`,
        '--serve',
        String(port),
      ],
      { stdio: 'ignore' },
    );
    try {
      let body = '';
      for (let i = 0; i < 100 && !body; i++) {
        try {
          body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(body).toContain('xen_cluster_dom0_up{dom0="xa1",datacenter=""} 1');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
