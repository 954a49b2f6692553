// JSON Schema of the dom0 collector's configuration file (published as schema/dom0-collector.schema.json).
import { xenstoreSchema } from '../agent/schema.js';
import { diskOptions, thresholds } from '../checks/schema.js';

const status = { enum: ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] };
const duration = { type: 'string', pattern: '^\\d+(\\.\\d+)?(ms|s|m|h|d|w)?$' };

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
    clusterDir: {
      type: 'string',
      description:
        'configuration share (one folder per dom0, principal dom0s only): listed on every run into clusterCacheFile',
    },
    clusterCacheFile: {
      type: 'string',
      default: '/var/cache/opskit/xen-cluster.listing',
      description: 'cluster listing written atomically on every run (what the cluster snmpd extend prints)',
    },
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
        memory: thresholds(90, 97),
        swapUsed: thresholds(50, 80),
        load: thresholds(2, 4),
        disk: thresholds(85, 95, diskOptions),
      },
    },
  },
} as const;
