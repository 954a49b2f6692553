#!/usr/bin/env node
// xen-dom0-collector: the dom0 side. Reads every domU's record from xenstore, flags silent agents and
// failing checks, checks dom0 itself, and sets up the per-domain permissions.
import { main, packageVersion } from '@opskit/core';
import {
  type Argv,
  reportFormatOption,
  schemaCommand,
  snmpV3Options,
  xenstoreFlags,
} from './commands/common.js';

const domainsFlag = (y: Argv) =>
  xenstoreFlags(y).option('domains', {
    choices: ['auto', 'xl', 'xm', 'xenstore'],
    describe: 'where the list of running domains comes from (default: configuration, else auto)',
  });

// The extend prints the cache and snmpd-config writes the extend line: both must agree on when it is stale.
const maxAgeOption = {
  type: 'number',
  default: 900,
  describe: 'seconds after which the cache is stale',
} as const;

await main({
  name: 'xen-dom0-collector',
  version: packageVersion(import.meta.url),
  description: 'Collects the xen-domu-agent records of every running domU from xenstore and checks dom0.',
  configDescription: 'Collector configuration file (YAML or JSON; default: built-in defaults)',
  dryRun: true,
  epilog: 'Run from root cron every 5 minutes, one minute after the domUs. Docs: docs/xen-monitor.md',
  commands: [
    {
      command: 'collect',
      describe: 'Read every record, check dom0, print the report (exit code: Nagios)',
      nagios: true,
      builder: (y) =>
        domainsFlag(y)
          .option('format', reportFormatOption)
          .option('all', { type: 'boolean', default: false, describe: 'raw: include OK lines' })
          .option('state-file', {
            type: 'string',
            describe: 'where record changes are remembered between runs',
          })
          .option('cache-file', {
            type: 'string',
            describe: 'raw report written atomically for the snmpd extend',
          })
          .option('metrics-file', {
            type: 'string',
            describe: 'Prometheus textfile written atomically on each run',
          })
          .option('write-metrics', { type: 'string', describe: 'also write the Prometheus textfile here' })
          .option('proc-root', { type: 'string', describe: "dom0's /proc (for tests and chroots)" }),
      run: async (args, ctx) => (await import('./commands/collect.js')).collect(args, ctx),
    },
    {
      command: 'setup',
      describe: 'Give each running domU a guest-owned data/ node (idempotent)',
      builder: domainsFlag,
      run: async (args, ctx) => (await import('./commands/setup.js')).setup(args, ctx),
    },
    {
      command: 'list-domains',
      describe: 'List the running domains with their UUIDs',
      builder: domainsFlag,
      run: async (args, ctx) => (await import('./commands/setup.js')).listDomainsCommand(args, ctx),
    },
    {
      command: 'snmpd-config',
      describe:
        'Print the snmpd.conf lines (extend entries, view, v2c community or SNMPv3 user) and install steps',
      builder: (y) =>
        y
          .option('community', { type: 'string', describe: 'SNMPv2c read-only community' })
          .option('source', {
            type: 'string',
            default: 'default',
            describe: 'who may use the community (network/mask)',
          })
          .options(snmpV3Options)
          .option('extend-name', { type: 'string', default: 'xenmonitor' })
          .option('cluster-name', { type: 'string', default: 'xencluster' })
          .option('max-age', maxAgeOption)
          .option('cache-time', { type: 'number', default: 30, describe: 'snmpd -cacheTime of the extends' })
          .option('lines-only', { type: 'boolean', default: false, describe: 'no install steps' }),
      run: async (args, ctx) => (await import('./commands/snmpd.js')).snmpdConfig(args, ctx),
    },
    {
      command: 'extend',
      describe:
        'Print the cached raw report, flagged when stale (what the snmpd extend runs; exit code: Nagios)',
      nagios: true,
      builder: (y) => y.option('cache-file', { type: 'string' }).option('max-age', maxAgeOption),
      run: async (args, ctx) => (await import('./commands/snmpd.js')).extend(args, ctx),
    },
    {
      command: 'list-cluster <dir>',
      describe:
        'Read the configuration share (one folder per dom0 with <domU>.cfg files) and list dom0s and domUs',
      builder: (y) =>
        y
          .positional('dir', { type: 'string', describe: 'the share, e.g. /data/config/auto' })
          .option('format', { alias: 'f', choices: ['human', 'raw'], default: 'human' }),
      run: async (args, ctx) => (await import('./commands/snmpd.js')).listCluster(args, ctx),
    },
    schemaCommand(async () => (await import('./collector/schema.js')).collectorConfigSchema),
  ],
});
