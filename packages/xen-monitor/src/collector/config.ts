// The collector's configuration: file validated against its schema, defaults filled in.
import type { NagiosStatus } from '@opskit/core';
import type { XenStoreConfig } from '../agent/config.js';
import type { Check, DiskOptions } from '../checks/types.js';
import { configReader } from '../config-file.js';
import type { DomainSource } from './domains.js';
import { collectorConfigSchema } from './schema.js';

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
  /** Configuration share read on every run (principal dom0s); its listing goes to clusterCacheFile. */
  clusterDir?: string;
  clusterCacheFile: string;
  autoSetup: boolean;
  dom0: {
    enabled: boolean;
    procRoot: string;
    memory: Check;
    swapUsed: Check;
    load: Check;
    disk: Check<DiskOptions>;
  };
}

const reader = configReader<CollectorConfig>(collectorConfigSchema);

/** Reads and validates a configuration file; without a file, the defaults. */
export function loadCollectorConfig(file?: string): CollectorConfig {
  return reader.load(file);
}

/** Validates configuration given as text (YAML or JSON). */
export function parseCollectorConfig(text: string, file?: string): CollectorConfig {
  return reader.parse(text, file);
}
