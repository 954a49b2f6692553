// JSON Schema of the dom0 collector's configuration file (published as schema/dom0-collector.schema.json).
import { xenstoreSchema } from '../agent/schema.js';

const range = { type: ['string', 'number'], description: 'Nagios range; a number N means alert above N' };
const status = { enum: ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] };
const duration = { type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|s|m|h|d|w)?$' };
const check = (warning: number, critical: number) => ({
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    enabled: { type: 'boolean', default: true },
    warning: { ...range, default: warning },
    critical: { ...range, default: critical },
  },
});

export const collectorConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schema/xen-monitor/dom0-collector.schema.json',
  title: 'xen-dom0-collector configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    xenstore: xenstoreSchema,
    domains: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        source: { enum: ['auto', 'xl', 'xm', 'xenstore'], default: 'auto' },
        xlCommand: { type: 'string', default: 'xl' },
        xmCommand: { type: 'string', default: 'xm' },
        ignore: {
          type: 'array',
          items: { type: 'string' },
          default: [],
          description: 'domain names not to check',
        },
      },
    },
    recordPath: { type: 'string', pattern: '^[A-Za-z0-9_@/-]+$', default: 'data/opskit-xen/record' },
    staleAfter: { ...duration, default: '15m', description: 'a record unchanged for longer is stale' },
    missingGrace: { ...duration, default: '15m', description: 'how long a new domain may have no record' },
    severity: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        stale: { ...status, default: 'CRITICAL' },
        missing: { ...status, default: 'WARNING' },
        malformed: { ...status, default: 'CRITICAL' },
      },
    },
    stateFile: { type: 'string', default: '/var/lib/opskit/xen-dom0-collector.json' },
    cacheFile: {
      type: 'string',
      default: '/var/cache/opskit/xen-dom0-collector.raw',
      description: 'raw report written atomically on every run (what the snmpd extend prints)',
    },
    metricsFile: { type: 'string', description: 'Prometheus textfile written atomically on every run' },
    autoSetup: {
      type: 'boolean',
      default: true,
      description: 'apply `setup` (per-domain permissions) on every run',
    },
    dom0: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        enabled: { type: 'boolean', default: true },
        procRoot: { type: 'string', default: '/proc' },
        memory: check(90, 97),
        swapUsed: check(50, 80),
        load: check(2, 4),
        disk: {
          ...check(85, 95),
          properties: {
            ...check(85, 95).properties,
            inodesWarning: { ...range, default: 85 },
            inodesCritical: { ...range, default: 95 },
            ignoreTypes: { type: 'array', items: { type: 'string' }, default: [] },
            ignoreMounts: { type: 'array', items: { type: 'string' }, default: [] },
          },
        },
      },
    },
  },
} as const;
