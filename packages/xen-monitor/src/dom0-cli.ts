#!/usr/bin/env node
// xen-dom0-collector: the dom0 side. Reads every domU's record from xenstore, flags silent agents and
// failing checks, checks dom0 itself, and sets up the per-domain permissions.
import { main, packageVersion, printJson } from '@opskit/core';
import type { Argv } from './commands/common.js';
import { xenstoreFlags } from './commands/common.js';

const domainsFlag = (y: Argv) =>
  xenstoreFlags(y).option('domains', {
    choices: ['auto', 'xl', 'xm', 'xenstore'],
    describe: 'where the list of running domains comes from (default: configuration, else auto)',
  });

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
          .option('format', {
            alias: 'f',
            choices: ['human', 'raw', 'nagios', 'openmetrics', 'prometheus'],
            default: 'human',
          })
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
      command: 'schema',
      describe: 'Print the JSON Schema of the configuration file',
      run: async (_args, ctx) => {
        printJson(ctx.stdout, (await import('./collector/schema.js')).collectorConfigSchema);
        return 0;
      },
    },
  ],
});
