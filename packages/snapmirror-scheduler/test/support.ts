// Scenarios and a simulator harness for the scheduler's tests.
import { type Clock, credentialsEnvPrefix, type SnapMirrorClient, VirtualClock } from '@opskit/core';
import { type Scenario, type Simulator, startSimulator } from '@opskit/ontap-sim';
import { createClients } from '../src/clients.js';
import { parseConfig, type SchedulerConfig } from '../src/config.js';
import { parseScheduleFile, type TransferSpec } from '../src/lines.js';

export const GiB = 1024 ** 3;
export const MONDAY_20H = '2026-01-05T20:00:00Z';

export type Dialect = 'rest' | '7mode' | 'cluster-zapi';

/** Two receiving filers (dr1 from prod1, dr2 from prod2), `n` volumes each with the given sizes. */
export function pairScenario(dialect: Dialect, sizes: number[], extra: Partial<Scenario> = {}): Scenario {
  const relationships = sizes.map((bytes, i) => {
    const pair = i % 2 === 0 ? ['prod1', 'dr1'] : ['prod2', 'dr2'];
    const vol = `v${String(i).padStart(2, '0')}`;
    return {
      source: `${pair[0]}:${vol}`,
      destination: `${pair[1]}:R_${vol}`,
      state: 'snapmirrored' as const,
      lagSeconds: 86_400,
      lastTransferBytes: bytes,
      pendingBytes: bytes,
    };
  });
  return {
    filers: ['dr1', 'dr2'].map((name) => ({
      name,
      dialect,
      credentials: { username: 'admin', password: `secret-${name}` },
      maxConcurrentTransfers: 100,
    })),
    relationships,
    ...extra,
  };
}

export function linesFor(scenario: Scenario, filer: string, suffix = ''): string {
  return (scenario.relationships ?? [])
    .filter((r) => r.destination.startsWith(`${filer}:`))
    .map((r) => `${r.source}${suffix}`)
    .join('\n');
}

export interface Harness {
  sim: Simulator;
  clock: Clock & VirtualClock;
  config: SchedulerConfig;
  specs: TransferSpec[];
  clients(): Promise<Map<string, SnapMirrorClient>>;
  close(): Promise<void>;
}

/** Starts the simulator on a virtual clock and builds the scheduler's configuration and lines for it. */
export async function harness(
  scenario: Scenario,
  configYaml: string,
  lines: Record<string, string>,
  start = MONDAY_20H,
): Promise<Harness> {
  const clock = new VirtualClock({ start: Date.parse(start), auto: true });
  const sim = await startSimulator({ scenario, clock });
  const filers = Object.keys(lines);
  const filerYaml = filers
    .map((f) => {
      const e = sim.filers[f]!;
      return `  ${f}:\n    host: ${e.host}\n    port: ${e.port}\n    protocol: http\n    dialect: ${e.dialect}\n    sourceFiler: ${f.replace('dr', 'prod')}`;
    })
    .join('\n');
  const config = parseConfig(`timezone: UTC\n${configYaml}\nfilers:\n${filerYaml}\n`, 'test.yaml');
  const specs: TransferSpec[] = [];
  for (const f of filers)
    specs.push(...parseScheduleFile(lines[f] ?? '', `scheduleSnapMirror_${f}.conf`, f, config, specs.length));
  const env: NodeJS.ProcessEnv = {};
  for (const f of filers) {
    env[`${credentialsEnvPrefix(f)}_USER`] = sim.filers[f]!.credentials.username;
    env[`${credentialsEnvPrefix(f)}_PASSWORD`] = sim.filers[f]!.credentials.password;
  }
  const made: Map<string, SnapMirrorClient>[] = [];
  return {
    sim,
    clock,
    config,
    specs,
    async clients() {
      const c = await createClients(config, filers, { clock, env });
      made.push(c);
      return c;
    },
    async close() {
      for (const m of made) await Promise.all([...m.values()].map((c) => c.close().catch(() => undefined)));
      await sim.close();
    },
  };
}

/** Highest number of transfers running at once on a filer (or all), from the simulator's own record. */
export function peak(sim: Simulator, filer?: string): number {
  const c = sim.concurrency();
  return filer ? (c.filers[filer]?.max ?? 0) : c.global.max;
}
