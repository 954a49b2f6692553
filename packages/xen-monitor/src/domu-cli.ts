#!/usr/bin/env node
// xen-domu-agent: the guest side. Runs the checks and writes one record under the guest's own xenstore path.
import { main, packageVersion } from '@opskit/core';
import { schemaCommand, xenstoreFlags } from './commands/common.js';

await main({
  name: 'xen-domu-agent',
  version: packageVersion(import.meta.url),
  description:
    'Checks this Xen guest (CPU, swap, memory, load, disks, gateways) and writes the results into xenstore.',
  configDescription: 'Agent configuration file (YAML or JSON; default: built-in defaults)',
  dryRun: true,
  epilog: 'Run from cron every 5 minutes. Docs: docs/xen-monitor.md',
  commands: [
    {
      command: 'run',
      describe: 'Run every check, write the record into xenstore, print a summary (exit code: Nagios)',
      nagios: true,
      builder: (y) =>
        xenstoreFlags(y)
          .option('state-file', {
            type: 'string',
            describe: 'where CPU and swap counters are kept between runs',
          })
          .option('check-only', {
            type: 'boolean',
            default: false,
            describe: 'check only, do not touch xenstore',
          })
          .option('print-record', {
            type: 'boolean',
            default: false,
            describe: 'print the record instead of the summary',
          }),
      run: async (args, ctx) => (await import('./commands/agent-run.js')).agentRun(args, ctx),
    },
    schemaCommand(async () => (await import('./agent/schema.js')).agentConfigSchema),
  ],
});
