// `ontap-sim --scenario FILE [--port N] [--speed X]`: serves the scenario's filers until interrupted.
import { readFileSync } from 'node:fs';
import { ConfigError, type Logger, scaledClock } from '@opskit/core';
import { loadScenario } from '../scenario.js';
import { type Simulator, type SimulatorEndpoint, startSimulator } from '../simulator.js';

export interface ServeOptions {
  scenario: string;
  port?: number | undefined;
  speed?: number | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  log?: Logger | undefined;
}

export interface Serving {
  sim: Simulator;
  endpoints: SimulatorEndpoint[];
  start: string;
  speed: number;
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const scenario = loadScenario(options.scenario);
  const speed = options.speed ?? 1;
  const start = scenario.start ? Date.parse(scenario.start) : Date.now();
  if (!Number.isFinite(start))
    throw new ConfigError(`"${scenario.start}" is not an ISO 8601 time`, {
      file: options.scenario,
      field: 'start',
    });
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw new ConfigError('--tls-cert and --tls-key go together', {
      field: options.tlsCert ? '--tls-key' : '--tls-cert',
    });
  }
  const tls =
    options.tlsCert && options.tlsKey
      ? { cert: readPem(options.tlsCert), key: readPem(options.tlsKey) }
      : undefined;
  const sim = await startSimulator({
    scenario,
    clock: scaledClock(speed, start),
    basePort: options.port,
    tls,
    log: options.log,
  });
  return { sim, endpoints: Object.values(sim.filers), start: new Date(start).toISOString(), speed };
}

function readPem(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? err}`, { file });
  }
}
