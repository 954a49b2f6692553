// JSON Schema of the aggregator's configuration file (published as schema/cluster-report.schema.json).
const hostList = {
  type: 'array',
  items: { type: 'string', pattern: '^[A-Za-z0-9.:\\[\\]-]+$' },
  default: [],
};

export const reportConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schema/xen-monitor/cluster-report.schema.json',
  title: 'xen-cluster-report configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    snmp: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        version: { enum: ['2c', '3'], default: '2c' },
        community: { type: 'string', description: 'SNMPv2c community (prefer communityFile)' },
        communityFile: { type: 'string', description: 'file holding the community (mode 600)' },
        user: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'authKeyFile', 'privKeyFile'],
          properties: {
            name: { type: 'string' },
            authProtocol: { enum: ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'], default: 'sha' },
            authKeyFile: { type: 'string' },
            privProtocol: { enum: ['aes', 'aes256b', 'aes256r', 'des'], default: 'aes' },
            privKeyFile: { type: 'string' },
          },
        },
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 161 },
        timeoutMs: {
          type: 'integer',
          minimum: 50,
          default: 2000,
          description: 'hard deadline per host in ms, its attempts (retries + 1) share it',
        },
        retries: { type: 'integer', minimum: 0, maximum: 10, default: 1 },
        concurrency: { type: 'integer', minimum: 1, maximum: 1024, default: 100 },
      },
    },
    extend: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        results: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$', default: 'xenmonitor' },
        cluster: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$', default: 'xencluster' },
      },
    },
    datacenters: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
          principals: { ...hostList, description: 'dom0s answering the cluster listing (tried in order)' },
          dom0s: { ...hostList, description: 'static dom0 list for this datacenter' },
        },
      },
    },
    dom0s: { ...hostList, description: 'static dom0s outside any datacenter' },
    dom0File: {
      type: 'string',
      description: 'file with one dom0 per line, optionally followed by its datacenter',
    },
    hosts: {
      type: 'object',
      default: {},
      additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9.-]+(:\\d+)?$' },
      description: 'dom0 name -> address[:port], where DNS does not know the names',
    },
    maxCacheAge: {
      type: 'string',
      pattern: '^\\d+(ms|s|m|h)?$',
      default: '15m',
      description: 'a dom0 report older than this is stale',
    },
  },
} as const;
