// JSON Schema of the agent's configuration file (published as schema/domu-agent.schema.json).
import { diskOptions, thresholds } from '../checks/schema.js';

export const xenstoreSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    backend: { enum: ['cli', 'dir'], default: 'cli', description: 'xenstore-* clients, or a directory tree' },
    socketPath: { type: 'string', description: 'XENSTORED_PATH for the clients (default: their own choice)' },
    binDir: { type: 'string', description: 'where the xenstore-* programs are (default: PATH)' },
    dir: { type: 'string', description: 'root of the directory backend' },
    domid: { type: 'integer', minimum: 0, default: 0, description: 'domain the directory backend acts as' },
  },
} as const;

export const agentConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schema/xen-monitor/domu-agent.schema.json',
  title: 'xen-domu-agent configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    xenstore: xenstoreSchema,
    recordPath: {
      type: 'string',
      pattern: '^[A-Za-z0-9_@/-]+$',
      default: 'data/opskit-xen/record',
      description: 'where the record goes, relative to the domain home',
    },
    stateFile: { type: 'string', default: '/var/lib/opskit/xen-domu-agent.json' },
    procRoot: { type: 'string', default: '/proc' },
    sysRoot: { type: 'string', default: '/sys' },
    checks: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        cpu: thresholds(80, 95),
        swapActivity: thresholds(50, 500),
        swapUsed: thresholds(50, 80),
        memory: thresholds(90, 97),
        load: thresholds(2, 4),
        disk: thresholds(85, 95, {
          ...diskOptions,
          statfsTimeoutSeconds: { type: 'number', minimum: 0.1, default: 5 },
        }),
        gateway: thresholds(50, 99, {
          source: {
            enum: ['route', 'mac', 'auto'],
            default: 'route',
            description: 'route: /proc/net/route; mac: 00:16+IP MAC and rules; auto: route, else mac',
          },
          rules: {
            type: 'array',
            default: [],
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['network', 'gateway'],
              properties: {
                network: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$' },
                gateway: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+$' },
              },
            },
          },
          interfaces: {
            type: 'array',
            items: { type: 'string' },
            default: [],
            description: 'only these (default: all but lo)',
          },
          count: { type: 'integer', minimum: 1, maximum: 20, default: 3 },
          timeoutSeconds: { type: 'integer', minimum: 1, maximum: 30, default: 1 },
          pingCommand: { type: 'array', items: { type: 'string' }, minItems: 1, default: ['ping'] },
        }),
      },
    },
  },
} as const;
