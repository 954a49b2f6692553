// The agent's configuration: file (YAML/JSON) validated against its schema, defaults filled in.
import { type LoadedDocument, loadStructuredFile, parseStructured, validateDocument } from '@opskit/core';
import type { GatewayRule } from '../checks/gateway.js';
import type { Thresholds } from '../checks/types.js';
import { agentConfigSchema } from './schema.js';

export interface XenStoreConfig {
  backend: 'cli' | 'dir';
  socketPath?: string;
  binDir?: string;
  dir?: string;
  domid: number;
}

type Check<T = object> = Thresholds & { enabled: boolean } & T;

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
    disk: Check<{
      inodesWarning: string | number;
      inodesCritical: string | number;
      ignoreTypes: string[];
      ignoreMounts: string[];
      statfsTimeoutSeconds: number;
    }>;
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

function validated(doc: LoadedDocument<unknown>): AgentConfig {
  if (doc.data === null || doc.data === undefined) doc = { ...doc, data: {} };
  return validateDocument<AgentConfig>(doc, agentConfigSchema).data;
}

/** Reads and validates a configuration file; without a file, the defaults. */
export function loadAgentConfig(file?: string): AgentConfig {
  return validated(file ? loadStructuredFile(file) : parseStructured('{}', '(defaults)'));
}

/** Validates configuration given as text (YAML or JSON). */
export function parseAgentConfig(text: string, file = '(inline)'): AgentConfig {
  return validated(parseStructured(text, file));
}
