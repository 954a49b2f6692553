// The scheduler's main configuration (snapmirror-scheduler.yaml in the configuration directory).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseStructured, validateDocument } from '@opskit/core';
import { configSchema } from './schema.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface LimitPair {
  business: number;
  offHours: number;
}

export interface FilerConfig {
  host?: string;
  port?: number;
  protocol: 'http' | 'https';
  dialect: 'auto' | '7mode' | 'cluster-zapi' | 'rest';
  vserver?: string;
  locationPrefix?: string;
  sourceFiler?: string;
  caFile?: string;
  insecure: boolean;
  timeoutSeconds: number;
  limits?: LimitPair;
}

export interface SchedulerConfig {
  timezone?: string;
  pollIntervalSeconds: number;
  defaultRateKBps: number;
  estimatedRateKBps: number;
  cycleSeconds: number;
  unreachableGiveUpSeconds: number;
  allowBaseline: boolean;
  allowIntoBusinessHours: boolean;
  order: 'config' | 'size';
  retry: { attempts: number; backoffSeconds: number; maxBackoffSeconds: number };
  businessHours: { days: Weekday[]; start: string; end: string };
  limits: { global?: LimitPair; perFiler: LimitPair };
  templates: { destinationVolume: string; destinationQtree: string };
  stateDir: string;
  debugDir: string;
  debugIntervalSeconds: number;
  credentialsFile?: string;
  filers: Record<string, FilerConfig>;
}

export const CONFIG_FILE = 'snapmirror-scheduler.yaml';

/** Validates configuration data (already parsed) and applies defaults. */
export function parseConfig(text: string, file: string): SchedulerConfig {
  const doc = validateDocument<SchedulerConfig>(parseStructured(text, file), configSchema);
  const config = doc.data;
  if (config.timezone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: config.timezone });
    } catch {
      throw new ConfigError(
        `unknown time zone "${config.timezone}" (expected an IANA name such as Europe/Paris)`,
        {
          file,
          line: doc.lineOf('/timezone'),
          field: 'timezone',
        },
      );
    }
  }
  const { start, end } = config.businessHours;
  if (start >= end) {
    throw new ConfigError(
      `businessHours.start ${start} is not before end ${end} (expected a window such as 08:00-19:00)`,
      {
        file,
        line: doc.lineOf('/businessHours'),
      },
    );
  }
  return config;
}

/** Loads `<dir>/snapmirror-scheduler.yaml` (or .yml, .json). */
export function loadConfig(configDir: string): { config: SchedulerConfig; file: string } {
  const candidates = [CONFIG_FILE, 'snapmirror-scheduler.yml', 'snapmirror-scheduler.json'].map((f) =>
    join(configDir, f),
  );
  const file = candidates.find((f) => existsSync(f));
  if (!file) {
    throw new ConfigError(
      `no ${CONFIG_FILE} in ${configDir}`,
      {},
      { hint: 'see docs/snapmirror-scheduler.md for an example' },
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read: ${(err as Error).message}`, { file });
  }
  return { config: parseConfig(text, file), file };
}

/** Per-filer limits, falling back to the configuration's perFiler default. */
export function filerLimits(config: SchedulerConfig, filer: string): LimitPair {
  return config.filers[filer]?.limits ?? config.limits.perFiler;
}

/** The name used before ":" in this filer's destination locations. */
export function locationPrefix(config: SchedulerConfig, filer: string): string {
  const f = config.filers[filer];
  return f?.locationPrefix ?? f?.vserver ?? filer;
}
