// Configuration and clients without the schedule files (for status).
import type { Clock, SnapMirrorClient } from '@opskit/core';
import { ConfigError } from '@opskit/core';
import { createClients } from '../clients.js';
import { loadConfig, type SchedulerConfig } from '../config.js';

export async function prepareClientsOnly(options: {
  configDir: string;
  filers: string[];
  clock: Clock;
  env?: NodeJS.ProcessEnv;
}): Promise<{ config: SchedulerConfig; clients: Map<string, SnapMirrorClient> }> {
  const { config } = loadConfig(options.configDir);
  const filers = options.filers.length ? options.filers : Object.keys(config.filers);
  for (const f of filers) {
    if (!config.filers[f]) {
      throw new ConfigError(
        `unknown filer "${f}" (configured filers: ${Object.keys(config.filers).join(', ')})`,
      );
    }
  }
  return { config, clients: await createClients(config, filers, options) };
}
