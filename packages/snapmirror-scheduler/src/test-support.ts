// Builders shared by this package's tests (not exported from the package).
import type { Relationship } from '@opskit/core';
import { parseConfig, type SchedulerConfig } from './config.js';

export function testConfig(extra = ''): SchedulerConfig {
  return parseConfig(
    `timezone: UTC
filers:
  nas01a-ibm:
    sourceFiler: nas1a
  nas01b-ibm:
    sourceFiler: nas1b
${extra}`,
    'test.yaml',
  );
}

export function rel(destination: string, fields: Partial<Relationship> = {}): Relationship {
  return {
    source: 'src:vol',
    destination,
    state: 'snapmirrored',
    activity: 'idle',
    transferring: false,
    lagSeconds: 86_400,
    last: { bytes: 1024 ** 3 },
    ...fields,
  };
}
