// Collector: 500 domain records. The pure evaluation, and a full run through the real xenstore clients
// (per domain: one xenstore-ls -f -p of its home for name, vm, data/ permissions and the record, 8 at a time, so one guest's nodes
// can only fail its own reads), beside the per-key xenstore-read loop the original script did.
import { execFile } from 'node:child_process';
import { VirtualClock } from '@opskit/core';
import { makeTempDir } from '@opskit/testkit';
import { startXenstored } from '@opskit/testkit/xenstored';
import {
  CliXenStore,
  evaluateDomains,
  formatRecord,
  parseCollectorConfig,
  runCollector,
} from '@opskit/xen-monitor';
import { it } from 'vitest';

const N = 500;
const record = (i: number) =>
  formatRecord({
    agent: '0.1.0',
    host: `guest${i}`,
    time: 1764040000 + i,
    checks: [
      {
        name: 'cpu',
        status: 'OK',
        value: 12,
        unit: '%',
        message: 'cpu 12.0% busy (steal 0.1%) since last run',
      },
      {
        name: 'memory',
        status: 'OK',
        value: 40,
        unit: '%',
        message: 'memory 40.0% used (600 MiB available of 1000 MiB)',
      },
      {
        name: 'disk:/',
        status: i % 7 ? 'OK' : 'WARNING',
        value: 88,
        unit: '%',
        message: '/ 88.0% used (900 MiB free)',
      },
      {
        name: 'gateway:eth0',
        status: 'OK',
        value: 0,
        unit: '%',
        message: 'eth0: gateway 10.0.0.1 0% loss, rtt 0.3 ms',
      },
    ],
  });

const readOne = (sock: string, path: string) =>
  new Promise<void>((resolve) =>
    execFile('xenstore-read', [path], { env: { ...process.env, XENSTORED_PATH: sock } }, () => resolve()),
  );

it('collector: 500 domain records', async () => {
  const domains = Array.from({ length: N }, (_, i) => ({
    info: {
      name: `guest${i}`,
      domid: i + 1,
      uuid: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    },
    raw: record(i),
  }));
  const opts = {
    staleAfterMs: 900_000,
    missingGraceMs: 900_000,
    severity: { stale: 'CRITICAL', missing: 'WARNING', malformed: 'CRITICAL' },
  } as const;
  let { state } = evaluateDomains(domains, undefined, 0, opts);
  let t = performance.now();
  for (let k = 0; k < 20; k++) state = evaluateDomains(domains, state, 60_000 * k, opts).state;
  const pure = (performance.now() - t) / 20;

  const xs = await startXenstored();
  const tmp = makeTempDir('xen-bench-c-');
  try {
    xs.addDomain({ domid: 0, name: 'Domain-0' });
    for (const d of domains) {
      xs.addDomain({ domid: d.info.domid, name: d.info.name, uuid: d.info.uuid });
      xs.tree.write(`/local/domain/${d.info.domid}/data/opskit-xen/record`, Buffer.from(d.raw), d.info.domid);
    }
    const config = parseCollectorConfig(
      JSON.stringify({
        domains: { source: 'xenstore' },
        stateFile: tmp.join('s.json'),
        cacheFile: tmp.join('c.raw'),
        dom0: { enabled: false },
      }),
    );
    const store = new CliXenStore({ socketPath: xs.socketPath });
    const clock = new VirtualClock();
    t = performance.now();
    const report = await runCollector({ config, store, clock });
    const full = performance.now() - t;
    if (report.domains.length !== N) throw new Error(`collector saw ${report.domains.length} domains`);

    // baseline: what the original did, one client process per domain and key (name, record), 8 at a time
    t = performance.now();
    const jobs = domains.flatMap((d) => [
      `/local/domain/${d.info.domid}/name`,
      `/local/domain/${d.info.domid}/data/opskit-xen/record`,
    ]);
    for (let i = 0; i < jobs.length; i += 8)
      await Promise.all(jobs.slice(i, i + 8).map((p) => readOne(xs.socketPath, p)));
    const naive = performance.now() - t;
    console.log(
      `xen-monitor collector: evaluate ${N} records ${pure.toFixed(1)} ms (pure, mean of 20)\n` +
        `xen-monitor collector: full run over ${N} domains via the real clients ${full.toFixed(0)} ms vs per-key xenstore-read loop (name and record only) ${naive.toFixed(0)} ms (ratio full/loop ${(full / naive).toFixed(2)})`,
    );
  } finally {
    await xs.stop();
    tmp.remove();
  }
});
