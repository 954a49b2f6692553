// Shared set-up for the scenarios: a test xenstored with dom0 and a few domUs, and stores over the
// real xenstore-* clients acting as each of them.
import { execFileSync } from 'node:child_process';
import { startXenstored, type TestXenstored } from '@opskit/testkit/xenstored';
import { CliXenStore } from '@opskit/xen-monitor';

export function requireXenstoreClients(): void {
  try {
    execFileSync('sh', [
      '-c',
      'command -v xenstore-read xenstore-write xenstore-ls xenstore-chmod xenstore-rm xenstore-list',
    ]);
  } catch {
    throw new Error('the xenstore-* clients are missing: apt-get install xenstore-utils');
  }
}

export interface XenWorld {
  xs: TestXenstored;
  dom0: CliXenStore;
  guest(domid: number): Promise<CliXenStore>;
}

export async function startWorld(
  domains: { domid: number; name: string; macs?: string[] }[],
): Promise<XenWorld> {
  requireXenstoreClients();
  const xs = await startXenstored();
  xs.addDomain({ domid: 0, name: 'Domain-0' });
  for (const d of domains) xs.addDomain(d);
  return {
    xs,
    dom0: new CliXenStore({ socketPath: xs.socketPath }),
    guest: async (domid) => new CliXenStore({ socketPath: await xs.socketFor(domid) }),
  };
}
