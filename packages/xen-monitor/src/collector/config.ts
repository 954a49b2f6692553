// The collector's configuration: file validated against its schema, defaults filled in.
import {
  type LoadedDocument,
  loadStructuredFile,
  type NagiosStatus,
  parseStructured,
  validateDocument,
} from '@opskit/core';
import type { XenStoreConfig } from '../agent/config.js';
import type { Thresholds } from '../checks/types.js';
import type { DomainSource } from './domains.js';
import { collectorConfigSchema } from './schema.js';

type Check<T = object> = Thresholds & { enabled: boolean } & T;

export interface CollectorConfig {
  xenstore: XenStoreConfig;
  domains: { source: DomainSource; xlCommand: string; xmCommand: string; ignore: string[] };
  recordPath: string;
  staleAfter: string;
  missingGrace: string;
  severity: { stale: NagiosStatus; missing: NagiosStatus; malformed: NagiosStatus };
  stateFile: string;
  cacheFile: string;
  metricsFile?: string;
  autoSetup: boolean;
  dom0: {
    enabled: boolean;
    procRoot: string;
    memory: Check;
    swapUsed: Check;
    load: Check;
    disk: Check<{
      inodesWarning: string | number;
      inodesCritical: string | number;
      ignoreTypes: string[];
      ignoreMounts: string[];
    }>;
  };
}

function validated(doc: LoadedDocument<unknown>): CollectorConfig {
  if (doc.data === null || doc.data === undefined) doc = { ...doc, data: {} };
  return validateDocument<CollectorConfig>(doc, collectorConfigSchema).data;
}

export function loadCollectorConfig(file?: string): CollectorConfig {
  return validated(file ? loadStructuredFile(file) : parseStructured('{}', '(defaults)'));
}

export function parseCollectorConfig(text: string, file = '(inline)'): CollectorConfig {
  return validated(parseStructured(text, file));
}
