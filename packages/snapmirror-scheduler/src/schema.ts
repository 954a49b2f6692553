// JSON Schema of snapmirror-scheduler.yaml (published as schema/snapmirror-scheduler.schema.json).

const limitPair = {
  type: 'object',
  additionalProperties: false,
  required: ['business', 'offHours'],
  properties: {
    business: {
      type: 'integer',
      minimum: 0,
      description: 'Concurrent transfers in business hours (the original lowTransfer)',
    },
    offHours: {
      type: 'integer',
      minimum: 1,
      description: 'Concurrent transfers outside business hours (fullTransfer)',
    },
  },
} as const;

const hhmm = { type: 'string', pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' } as const;

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schema/snapmirror-scheduler.schema.json',
  title: 'snapmirror-scheduler configuration',
  type: 'object',
  additionalProperties: false,
  required: ['filers'],
  properties: {
    timezone: {
      type: 'string',
      description: 'IANA time zone of the business-hours window (default: the host zone)',
    },
    pollIntervalSeconds: { type: 'number', minimum: 1, maximum: 3600, default: 30 },
    defaultRateKBps: {
      type: 'integer',
      minimum: 0,
      default: 8704,
      description: 'Per-transfer rate cap in KB/s (0 = unlimited); a line may override it with rate=',
    },
    estimatedRateKBps: {
      type: 'integer',
      minimum: 1,
      default: 8704,
      description: 'Rate assumed when predicting the duration of an unlimited transfer',
    },
    cycleSeconds: {
      type: 'integer',
      minimum: 60,
      default: 86400,
      description: 'Usual time between two updates; scales the last transfer size by lag to predict the next',
    },
    unreachableGiveUpSeconds: {
      type: 'number',
      minimum: 0,
      default: 1800,
      description:
        'Give up on a filer that cannot be polled for this long (its transfers are reported failed)',
    },
    allowBaseline: {
      type: 'boolean',
      default: false,
      description: 'Baseline (initialize) a relationship that does not exist yet',
    },
    allowIntoBusinessHours: {
      type: 'boolean',
      default: false,
      description: 'Start a transfer even when it is predicted to run into business hours',
    },
    order: { enum: ['config', 'size'], default: 'config' },
    retry: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        attempts: {
          type: 'integer',
          minimum: 1,
          default: 3,
          description: 'Attempts per transfer, the first included',
        },
        backoffSeconds: { type: 'number', minimum: 0, default: 60 },
        maxBackoffSeconds: { type: 'number', minimum: 0, default: 1800 },
      },
    },
    businessHours: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        days: {
          type: 'array',
          items: { enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
          default: ['mon', 'tue', 'wed', 'thu', 'fri'],
        },
        start: { ...hhmm, default: '08:00' },
        end: { ...hhmm, default: '19:00' },
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        global: { ...limitPair, description: 'All receiving filers together (a shared WAN link)' },
        perFiler: { ...limitPair, default: { business: 2, offHours: 6 } },
      },
    },
    templates: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        destinationVolume: {
          type: 'string',
          default: 'R_{volume}',
          description: 'Destination volume of a short line',
        },
        destinationQtree: { type: 'string', default: '{qtree}' },
      },
    },
    stateDir: { type: 'string', default: '/var/lib/opskit/snapmirror-scheduler' },
    debugDir: { type: 'string', default: '/tmp' },
    debugIntervalSeconds: { type: 'number', minimum: 1, default: 300 },
    credentialsFile: { type: 'string' },
    filers: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          host: { type: 'string', description: 'Management address (default: the filer name)' },
          port: { type: 'integer', minimum: 1, maximum: 65535 },
          protocol: { enum: ['http', 'https'], default: 'https' },
          dialect: { enum: ['auto', '7mode', 'cluster-zapi', 'rest'], default: 'auto' },
          vserver: { type: 'string', description: 'SVM to tunnel to (clustered) / vfiler (7-Mode)' },
          locationPrefix: {
            type: 'string',
            description: 'Name before ":" in destination locations (default: vserver, else the filer name)',
          },
          sourceFiler: { type: 'string', description: 'Paired source filer (or SVM) for short lines' },
          caFile: { type: 'string' },
          insecure: { type: 'boolean', default: false },
          timeoutSeconds: { type: 'number', minimum: 1, default: 60 },
          limits: limitPair,
        },
      },
    },
  },
} as const;
