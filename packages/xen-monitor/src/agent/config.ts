// The agent's configuration: file (YAML/JSON) validated against its schema, defaults filled in.
import type { GatewayRule } from '../checks/gateway.js';
import type { Check, DiskOptions } from '../checks/types.js';
import { configReader } from '../config-file.js';
import { agentConfigSchema } from './schema.js';

export interface XenStoreConfig {
  backend: 'cli' | 'dir';
  socketPath?: string;
  binDir?: string;
  dir?: string;
  domid: number;
}

export interface AgentConfig {
  xenstore: XenStoreConfig;
  recordPath: string;
  stateFile: string;
  procRoot: string;
  sysRoot: string;
  checks: {
    cpu: Check;
    swapActivity: Check;
    swapUsed: Check;
    memory: Check;
    load: Check;
    disk: Check<DiskOptions & { statfsTimeoutSeconds: number }>;
    gateway: Check<{
      source: 'route' | 'mac' | 'auto';
      rules: GatewayRule[];
      interfaces: string[];
      count: number;
      timeoutSeconds: number;
      pingCommand: string[];
    }>;
  };
}

const reader = configReader<AgentConfig>(agentConfigSchema);

/** Reads and validates a configuration file; without a file, the defaults. */
export function loadAgentConfig(file?: string): AgentConfig {
  return reader.load(file);
}

/** Validates configuration given as text (YAML or JSON). */
export function parseAgentConfig(text: string, file?: string): AgentConfig {
  return reader.parse(text, file);
}
