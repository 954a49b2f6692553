// Aggregator: poll 100 dom0 agents on loopback, beside a sequential loop of the snmpget client over the
// same agents, then with 10% of them dead. The 100 agents are net-snmp agents serving the
// NET-SNMP-EXTEND-MIB tables, in two separate node processes (100 snmpd daemons do not fit next to
// five other test suites on two cores).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freePort, makeTempDir } from '@opskit/testkit';
import { extendOids, parseReportConfig, runClusterReport } from '@opskit/xen-monitor';
import { it } from 'vitest';

const AGENTS = 100;
const agentHost = (snmpPath: string) => `
const snmp = require(${JSON.stringify(snmpPath)});
const ports = JSON.parse(process.argv[2]);
const RO = snmp.MaxAccess['read-only'];
const NA = snmp.MaxAccess['not-accessible'];
for (const [i, port] of ports.entries()) {
  const agent = snmp.createAgent({ port, address: '127.0.0.1' }, () => {});
  agent.getAuthorizer().addCommunity('benchcomm');
  const mib = agent.getMib();
  mib.registerProvider({ name: 'cfg', type: snmp.MibProviderType.Table, oid: '1.3.6.1.4.1.8072.1.3.2.2.1', maxAccess: NA,
    tableColumns: [{ number: 1, name: 'token', type: snmp.ObjectType.OctetString, maxAccess: NA }, { number: 2, name: 'command', type: snmp.ObjectType.OctetString, maxAccess: RO }],
    tableIndex: [{ columnName: 'token' }] });
  mib.registerProvider({ name: 'out', type: snmp.MibProviderType.Table, oid: '1.3.6.1.4.1.8072.1.3.2.3.1', maxAccess: NA,
    tableColumns: [1, 2].map((n) => ({ number: n, name: 'c' + n, type: snmp.ObjectType.OctetString, maxAccess: RO }))
      .concat([3, 4].map((n) => ({ number: n, name: 'c' + n, type: snmp.ObjectType.Integer, maxAccess: RO }))),
    tableAugments: 'cfg' });
  const lines = ['# opskit-xen-raw 1 host=xen' + i + ' time=' + Math.floor(Date.now() / 1000) + ' status=WARNING domains=20 problems=3',
    'WARNING web' + i + 'a 0a1b2c3d-0000-4000-8000-000000000001 disk:/var 91.2 /var 91.2% used (812 MiB free)',
    'WARNING web' + i + 'b 0a1b2c3d-0000-4000-8000-000000000002 swap-activity 120 swapping 80.0 pages/s in, 40.0 pages/s out',
    'WARNING Domain-0 - load 2.1 load 4.20 4.10 3.90 on 2 cpu(s), 2.05 per cpu (5 min)'];
  mib.addTableRow('cfg', ['xenmonitor', '/usr/bin/node']);
  mib.addTableRow('out', ['xenmonitor', lines[0], lines.join('\\n'), lines.length, 1]);
}
process.stdout.write('ready\\n');
`;

const snmpget = (target: string, oids: string[]) =>
  new Promise<number>((resolve) =>
    execFile(
      'snmpget',
      ['-v2c', '-c', 'benchcomm', '-On', '-t', '1', '-r', '0', target, ...oids],
      { env: { ...process.env, MIBS: '' } },
      (err) => resolve((err as { code?: number } | null)?.code ?? 0),
    ),
  );

it('aggregator: 100 dom0 agents vs a sequential snmpget loop, and with 10% dead', async () => {
  const tmp = makeTempDir('xen-agg-bench-');
  const ports: number[] = [];
  while (ports.length < AGENTS) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const script = tmp.join('agents.cjs');
  writeFileSync(script, agentHost(createRequire(import.meta.url).resolve('net-snmp')));
  const halves = [ports.slice(0, AGENTS / 2), ports.slice(AGENTS / 2)];
  const children: ChildProcess[] = halves.map((h) =>
    spawn(process.execPath, [script, JSON.stringify(h)], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  try {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
            child.once('exit', (c) => reject(new Error(`agent host exited (${c})`)));
          }),
      ),
    );
    const names = ports.map((_, i) => `xen${i}`);
    const hosts = Object.fromEntries(names.map((n, i) => [n, `127.0.0.1:${ports[i]}`]));
    const config = (dead: number, concurrency = 32) =>
      parseReportConfig(
        JSON.stringify({
          snmp: { community: 'benchcomm', timeoutMs: 1000, retries: 0, concurrency },
          dom0s: names,
          hosts: { ...hosts, ...Object.fromEntries(names.slice(0, dead).map((n) => [n, '127.0.0.1:9'])) },
        }),
      );
    const auth = { version: '2c', community: 'benchcomm' } as const;
    await runClusterReport({ config: config(0), auth }); // warm-up (JIT, engine ids)
    const measure = async (concurrency: number) => {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        const r = await runClusterReport({ config: config(0, concurrency), auth });
        times.push(performance.now() - t);
        const bad = r.dom0s.filter((d) => d.state !== 'ok');
        if (bad.length) throw new Error(`${bad.length} agents not read: ${bad[0]?.error}`);
      }
      return [...times].sort((a, b) => a - b)[2]!;
    };
    const agg = await measure(32);
    const agg100 = await measure(100);
    const o = extendOids('xenmonitor');
    let t = performance.now();
    for (const p of ports) {
      const code = await snmpget(`127.0.0.1:${p}`, [o.outputFull, o.result]);
      if (code !== 0) throw new Error(`snmpget failed on port ${p}`);
    }
    const loop = performance.now() - t;
    t = performance.now();
    const withDead = await runClusterReport({ config: config(AGENTS / 10), auth });
    const deadMs = performance.now() - t;
    const unreachable = withDead.dom0s.filter((d) => d.state === 'unreachable').length;
    console.log(
      `xen-monitor aggregator: ${AGENTS} dom0 agents (net-snmp agents in two separate processes, not snmpd): ${agg.toFixed(0)} ms at concurrency 32, ${agg100.toFixed(0)} ms at 100, the default (medians of 5) vs sequential snmpget loop ${loop.toFixed(0)} ms: ${(loop / agg).toFixed(1)}x / ${(loop / agg100).toFixed(1)}x faster (target 20x)\n` +
        `xen-monitor aggregator: with ${unreachable} of ${AGENTS} dead (1000 ms timeout, 0 retries): ${deadMs.toFixed(0)} ms`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    tmp.remove();
  }
});
