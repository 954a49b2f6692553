// Gateway checks with the real ping: 127.0.0.1 as the reachable gateway, and for the failure case a
// network namespace this test creates with only loopback up (no route out: nothing leaves the machine).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createExecutor } from '@opskit/core';
import { makeTempDir, runProcess, type TempDir } from '@opskit/testkit';
import { parseAgentConfig, runHostChecks } from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let tmp: TempDir;
const ns = `opskit-xen-${process.pid}`;

function fakeHost(route: string, macs: Record<string, string>): { procRoot: string; sysRoot: string } {
  const procRoot = tmp.join(`proc-${Math.random().toString(36).slice(2)}`);
  const sysRoot = `${procRoot}-sys`;
  mkdirSync(`${procRoot}/net`, { recursive: true });
  writeFileSync(
    `${procRoot}/net/route`,
    `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n${route}`,
  );
  for (const [iface, mac] of Object.entries(macs)) {
    mkdirSync(`${sysRoot}/class/net/${iface}`, { recursive: true });
    writeFileSync(`${sysRoot}/class/net/${iface}/address`, `${mac}\n`);
  }
  return { procRoot, sysRoot };
}

function gatewayOnly(extra: object) {
  const off = { enabled: false };
  return parseAgentConfig(
    JSON.stringify({
      checks: {
        cpu: off,
        swapActivity: off,
        swapUsed: off,
        memory: off,
        load: off,
        disk: off,
        gateway: { count: 1, timeoutSeconds: 1, ...extra },
      },
    }),
  ).checks;
}

beforeAll(() => {
  tmp = makeTempDir('xen-gw-');
  try {
    execFileSync('sh', ['-c', 'command -v ping && command -v ip']);
  } catch {
    throw new Error('ping (iputils-ping) and ip (iproute2) are needed for the gateway tests');
  }
});
afterAll(() => {
  tmp?.remove();
  try {
    execFileSync('ip', ['netns', 'delete', ns], { stdio: 'ignore' });
  } catch {}
});

describe('gateway connectivity with the real ping', () => {
  it('pings the routing table’s gateway (127.0.0.1 via lo)', async () => {
    const host = fakeHost('xenbr0\t00000000\t0100007F\t0003\t0\t0\t0\t00000000\t0\t0\t0\n', {
      xenbr0: '52:54:00:00:00:01',
    });
    const { results } = await runHostChecks(
      gatewayOnly({ source: 'route' }),
      { ...host, exec: createExecutor(), now: Date.now() },
      undefined,
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ name: 'gateway:xenbr0', status: 'OK', value: 0 });
    expect(results[0]?.message).toMatch(/gateway 127\.0\.0\.1 0% loss, rtt/);
  });

  it('pings the gateway a 00:16 MAC maps to through the configured rules', async () => {
    const host = fakeHost('', { eth0: '00:16:7f:00:00:05', eth1: '52:54:00:00:00:02' });
    const rules = [{ network: '127.0.0.0/8', gateway: '127.0.0.1' }];
    const { results } = await runHostChecks(
      gatewayOnly({ source: 'mac', rules }),
      { ...host, exec: createExecutor(), now: Date.now() },
      undefined,
    );
    expect(results.map((r) => [r.name, r.status])).toEqual([['gateway:eth0', 'OK']]);
    expect(results[0]?.message).toContain('127.0.0.1');
  });

  it('reports an unreachable gateway as CRITICAL (inside a namespace with only loopback up)', async () => {
    execFileSync('ip', ['netns', 'add', ns]);
    execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    const host = fakeHost('eth0\t00000000\t0102000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n', {
      eth0: '52:54:00:00:00:03',
    });
    const cfg = gatewayOnly({ source: 'route', pingCommand: ['ip', 'netns', 'exec', ns, 'ping'] });
    const { results } = await runHostChecks(
      cfg,
      { ...host, exec: createExecutor(), now: Date.now() },
      undefined,
    );
    expect(results[0]).toMatchObject({ name: 'gateway:eth0', status: 'CRITICAL', value: 100 });
    expect(results[0]?.message).toMatch(/10\.0\.2\.1/);
    // the namespace really has no way out
    const r = await runProcess('ip', ['netns', 'exec', ns, 'ip', 'route', 'show']);
    expect(r.stdout.trim()).toBe('');
  });

  it('skips Xen default MACs (00:16:3e) in auto mode and takes the most specific rule', async () => {
    const host = fakeHost('', {
      eth0: '00:16:3e:0a:0b:0c', // xl's random MAC: would decode as 62.10.11.12
      eth1: '00:16:7f:00:00:05', // 127.0.0.5 by the convention
    });
    const rules = [
      { network: '127.0.0.0/8', gateway: '127.0.0.9' },
      { network: '127.0.0.0/24', gateway: '127.0.0.1' },
      { network: '0.0.0.0/0', gateway: '127.0.0.8' },
    ];
    const { results } = await runHostChecks(
      gatewayOnly({ source: 'auto', rules }),
      { ...host, exec: createExecutor(), now: Date.now() },
      undefined,
    );
    expect(results.map((r) => [r.name, r.status])).toEqual([['gateway:eth1', 'OK']]);
    expect(results[0]?.message).toMatch(/gateway 127\.0\.0\.1 0% loss/);
  });

  it('reports a missing ping program as UNKNOWN, not as a failed gateway', async () => {
    const host = fakeHost('xenbr0\t00000000\t0100007F\t0003\t0\t0\t0\t00000000\t0\t0\t0\n', {
      xenbr0: '52:54:00:00:00:01',
    });
    const { results } = await runHostChecks(
      gatewayOnly({ source: 'route', pingCommand: [tmp.join('no-such-ping')] }),
      { ...host, exec: createExecutor(), now: Date.now() },
      undefined,
    );
    expect(results).toEqual([
      {
        name: 'gateway:xenbr0',
        status: 'UNKNOWN',
        message: expect.stringMatching(/^xenbr0: ping command not found: .*no-such-ping/),
      },
    ]);
  });
});
