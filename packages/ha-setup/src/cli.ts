#!/usr/bin/env node
// ha-setup: corosync, pacemaker and sbd configuration from one cluster spec.
import { main, packageVersion } from '@opskit/core';

await main({
  name: 'ha-setup',
  version: packageVersion(import.meta.url),
  description:
    "Corosync, pacemaker and sbd configuration from one cluster spec (YAML or JSON), checked with pacemaker's own tools.",
  epilog: 'Spec reference and schema: docs/ha-setup.md',
  commands: [
    {
      command: 'plan <spec>',
      describe: 'Write every artifact into an output folder and explain each choice',
      builder: (y) =>
        y.positional('spec', { type: 'string', describe: 'cluster spec (YAML or JSON)' }).option('out', {
          alias: 'o',
          type: 'string',
          describe: 'output folder (default ./ha-setup-<cluster>)',
        }),
      run: async (args, ctx) => (await import('./commands/plan.js')).runPlan(args, ctx),
    },
    {
      command: 'validate <spec>',
      describe: 'Check the generated corosync.conf and CIB with corosync -t, crm_verify and agent metadata',
      builder: (y) =>
        y
          .positional('spec', { type: 'string', describe: 'cluster spec (YAML or JSON)' })
          .option('authkey', { type: 'string', describe: 'also lint this corosync key file' }),
      run: async (args, ctx) => (await import('./commands/validate.js')).runValidate(args, ctx),
    },
    {
      command: 'simulate <spec>',
      describe: 'Show with crm_simulate where resources run, then what happens when each node fails',
      builder: (y) => y.positional('spec', { type: 'string', describe: 'cluster spec (YAML or JSON)' }),
      run: async (args, ctx) => (await import('./commands/simulate.js')).runSimulate(args, ctx),
    },
    {
      command: 'sbd-init [device..]',
      describe:
        'Create the SBD header and node slots on blank shared disks (refuses used disks without --force)',
      builder: (y) =>
        y
          .positional('device', {
            type: 'string',
            array: true,
            describe: '1 to 3 block devices (default: the sbd.devices of --spec)',
          })
          .option('spec', {
            type: 'string',
            describe: 'take node names, timeouts and (without DEVICE) the devices from this cluster spec',
          })
          .option('node', {
            type: 'string',
            array: true,
            describe: 'node name to allocate a slot for (repeatable)',
          })
          .option('watchdog-timeout', {
            type: 'number',
            describe: 'on-disk watchdog timeout, seconds (default 5)',
          })
          .option('msgwait', { type: 'number', describe: 'on-disk msgwait, seconds (default 2 x watchdog)' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'overwrite a disk that holds an SBD header or data',
          }),
      run: async (args, ctx) => (await import('./commands/sbd-init.js')).runSbdInit(args, ctx),
    },
    {
      command: 'apply <spec>',
      describe:
        'The commands that install a planned folder on a live node and load the CIB (dry run unless --execute)',
      builder: (y) =>
        y
          .positional('spec', { type: 'string', describe: 'cluster spec (YAML or JSON)' })
          .option('out', {
            alias: 'o',
            type: 'string',
            describe: 'the folder written by plan (default ./ha-setup-<cluster>)',
          })
          .option('execute', {
            type: 'boolean',
            default: false,
            describe: 'run the commands (default: --dry-run, print them)',
          })
          .option('dry-run', {
            alias: 'n',
            type: 'boolean',
            default: true,
            describe: 'only print the commands (the default; --no-dry-run is --execute)',
          })
          .option('cib', {
            type: 'boolean',
            default: true,
            describe: 'load the CIB too (--no-cib on all nodes but one)',
          }),
      run: async (args, ctx) => (await import('./commands/apply.js')).runApply(args, ctx),
    },
  ],
});
