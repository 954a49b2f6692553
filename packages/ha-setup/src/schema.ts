// The JSON Schema of a cluster spec. Published as schema/cluster-spec.schema.json (a test keeps the copy
// in step with this object). Shape only: cross-field rules (duplicates, networks, references) live in
// spec-rules.ts, because JSON Schema cannot say "an IP inside one of the node networks".

const id = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$',
  maxLength: 64,
  description: 'a CIB id: a letter or _, then letters, digits, _ . -',
} as const;
const ipv4 = {
  type: 'string',
  pattern: '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$',
  description: 'an IPv4 address',
} as const;
const netmask = {
  description: 'a netmask: dotted quad (255.255.255.0) or prefix length (24)',
  oneOf: [
    { type: 'integer', minimum: 0, maximum: 32 },
    { type: 'string', pattern: '^(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\d{1,2})$' },
  ],
} as const;
const duration = {
  type: 'string',
  pattern: '^\\d+(ms|s|m|min|h)?$',
  description: 'a pacemaker duration: 10s, 20s, 5min, 1h',
} as const;
const op = {
  type: 'object',
  additionalProperties: false,
  properties: { interval: duration, timeout: duration },
} as const;
const resourceCommon = {
  id,
  monitor: op,
  meta: {
    type: 'object',
    additionalProperties: { type: ['string', 'number', 'boolean'] },
    description: 'meta attributes (target-role, migration-threshold, ...)',
  },
} as const;

export const clusterSpecSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schemas/ha-setup/cluster-spec.schema.json',
  title: 'ha-setup cluster spec',
  description: 'One declarative description of a corosync + pacemaker + sbd cluster.',
  type: 'object',
  additionalProperties: false,
  required: ['cluster', 'nodes'],
  properties: {
    cluster: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,32}$',
      description: 'cluster name (totem.cluster_name)',
    },
    os: {
      enum: ['debian', 'rhel', 'suse'],
      default: 'debian',
      description: 'target distribution: decides the sbd config path and Apache defaults',
    },
    stack: {
      enum: ['corosync3', 'legacy'],
      default: 'corosync3',
      description: 'corosync3 (pacemaker 2) or legacy: openais / corosync 1 style file with bindnetaddr',
    },
    transport: {
      enum: ['knet', 'udpu', 'udp'],
      default: 'knet',
      description: 'knet (default, crypto and up to 8 links), udpu (unicast) or udp (multicast)',
    },
    netmask: { ...netmask, description: 'default netmask of every node address (default 24)' },
    nodes: {
      type: 'array',
      minItems: 1,
      maxItems: 32,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'addresses'],
        properties: {
          name: {
            type: 'string',
            pattern: '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9-]+)*$',
            description: 'the node name (corosync nodelist name, pacemaker uname)',
          },
          id: { type: 'integer', minimum: 1, maximum: 4294967295, description: 'corosync nodeid' },
          addresses: {
            type: 'array',
            minItems: 1,
            maxItems: 8,
            items: ipv4,
            description: 'one address per link (ring0_addr, ring1_addr, ...)',
          },
          netmask,
        },
      },
    },
    twoNode: {
      enum: ['auto', true, false],
      default: 'auto',
      description: 'quorum two_node: auto = on for exactly two nodes',
    },
    waitForAll: { type: 'boolean', description: 'quorum wait_for_all (default: implied by two_node)' },
    crypto: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cipher: { enum: ['none', 'aes256', 'aes192', 'aes128'], default: 'aes256' },
        hash: { enum: ['none', 'md5', 'sha1', 'sha256', 'sha384', 'sha512'], default: 'sha256' },
      },
      description: 'knet crypto (default aes256 + sha256 on knet, none elsewhere)',
    },
    multicast: {
      type: 'object',
      additionalProperties: false,
      properties: {
        address: ipv4,
        port: { type: 'integer', minimum: 1024, maximum: 65534 },
      },
      description: 'udp/legacy only: default address 239.255.<3rd>.<4th octet of the first node>, port 5405',
    },
    totem: {
      type: 'object',
      additionalProperties: false,
      properties: {
        token: { type: 'integer', minimum: 500, maximum: 600000, default: 3000 },
        consensus: { type: 'integer', minimum: 600, maximum: 720000 },
      },
      default: {},
    },
    logging: {
      type: 'object',
      additionalProperties: false,
      properties: {
        facility: {
          enum: ['daemon', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'],
          default: 'local4',
          description: 'syslog facility of corosync and pacemaker (its own, for its own log file)',
        },
        file: { type: 'string', pattern: '^/', default: '/var/log/cluster/cluster.log' },
        rotate: { type: 'integer', minimum: 1, maximum: 3650, default: 28 },
      },
      default: {},
    },
    sbd: {
      type: 'object',
      additionalProperties: false,
      required: ['devices'],
      properties: {
        devices: {
          type: 'array',
          minItems: 1,
          maxItems: 3,
          items: { type: 'string', pattern: '^/dev/\\S+$' },
          description: 'shared disks (1 to 3), preferably /dev/disk/by-id/... names',
        },
        watchdog: { type: 'string', pattern: '^/dev/\\S+$', default: '/dev/watchdog' },
        watchdogTimeout: { type: 'integer', minimum: 1, maximum: 120, default: 5 },
        msgwait: { type: 'integer', minimum: 2, maximum: 240, description: 'default 2 x watchdogTimeout' },
        startMode: { enum: ['always', 'clean'], default: 'always' },
        delayStart: {
          description: 'auto (token + consensus + pcmk_delay_max + msgwait), no, or seconds',
          oneOf: [{ enum: ['auto', 'no'] }, { type: 'integer', minimum: 1, maximum: 3600 }],
          default: 'auto',
        },
      },
    },
    fencing: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', default: true, description: 'stonith-enabled' },
        agent: { enum: ['fence_sbd', 'external/sbd'], default: 'fence_sbd' },
        delayMax: { type: 'integer', minimum: 0, maximum: 600, description: 'pcmk_delay_max seconds' },
        timeout: { type: 'integer', minimum: 10, maximum: 3600, description: 'stonith-timeout seconds' },
      },
      default: {},
    },
    properties: {
      type: 'object',
      additionalProperties: false,
      properties: {
        noQuorumPolicy: {
          enum: ['stop', 'freeze', 'ignore', 'demote', 'suicide'],
          description: 'default stop (two_node keeps quorum); ignore for a legacy two-node stack',
        },
        recheckInterval: { ...duration, default: '15min' },
        peInputSeriesMax: { type: 'integer', minimum: -1, default: 1000 },
        peWarnSeriesMax: { type: 'integer', minimum: -1, default: 1000 },
        peErrorSeriesMax: { type: 'integer', minimum: -1, default: 100 },
      },
      default: {},
    },
    stickiness: { type: 'integer', minimum: 0, maximum: 1000000, default: 100 },
    migrationThreshold: { type: 'integer', minimum: 0, maximum: 1000000 },
    resources: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        required: ['id', 'type'],
        properties: { type: { enum: ['ip', 'apache', 'filesystem', 'systemd', 'ocf'] } },
        allOf: [
          {
            if: { properties: { type: { const: 'ip' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
            then: {
              additionalProperties: false,
              required: ['ip'],
              properties: { ...resourceCommon, type: {}, ip: ipv4, netmask, nic: { type: 'string' } },
            },
          },
          {
            if: { properties: { type: { const: 'apache' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
            then: {
              additionalProperties: false,
              properties: {
                ...resourceCommon,
                type: {},
                configfile: { type: 'string', pattern: '^/' },
                statusurl: { type: 'string', pattern: '^https?://' },
              },
            },
          },
          {
            if: { properties: { type: { const: 'filesystem' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
            then: {
              additionalProperties: false,
              required: ['device', 'directory', 'fstype'],
              properties: {
                ...resourceCommon,
                type: {},
                device: { type: 'string', minLength: 1 },
                directory: { type: 'string', pattern: '^/' },
                fstype: { type: 'string', pattern: '^[a-z0-9]+$' },
                options: { type: 'string' },
              },
            },
          },
          {
            if: { properties: { type: { const: 'systemd' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
            then: {
              additionalProperties: false,
              required: ['unit'],
              properties: { ...resourceCommon, type: {}, unit: { type: 'string', pattern: '^[\\w@.:-]+$' } },
            },
          },
          {
            if: { properties: { type: { const: 'ocf' } } },
            // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
            then: {
              additionalProperties: false,
              required: ['agent'],
              properties: {
                ...resourceCommon,
                type: {},
                agent: { type: 'string', pattern: '^ocf:[\\w-]+:[\\w.-]+$' },
                params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
              },
            },
          },
        ],
      },
    },
    order: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['first', 'then'],
        properties: {
          id,
          first: id,
          // biome-ignore lint/suspicious/noThenProperty: the spec field is named after the CIB attribute
          then: id,
          kind: { enum: ['Mandatory', 'Optional', 'Serialize'], default: 'Mandatory' },
        },
      },
    },
    colocation: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rsc', 'with'],
        properties: {
          id,
          rsc: id,
          with: id,
          score: {
            oneOf: [{ enum: ['INFINITY', '-INFINITY'] }, { type: 'integer' }],
            default: 'INFINITY',
          },
        },
      },
    },
    location: {
      type: 'array',
      default: [],
      description: 'node preferences: rsc prefers (or, with a negative score, avoids) node',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rsc', 'node'],
        properties: {
          id,
          rsc: id,
          node: { type: 'string', minLength: 1 },
          score: {
            oneOf: [{ enum: ['INFINITY', '-INFINITY'] }, { type: 'integer' }],
            default: 100,
          },
        },
      },
    },
    bootGuard: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean', default: true },
        maxBootsPerDay: { type: 'integer', minimum: 1, maximum: 100, default: 3 },
        scriptPath: { type: 'string', pattern: '^/', default: '/usr/local/sbin/ha-boot-guard' },
      },
      default: {},
    },
  },
} as const;
