#!/usr/bin/env node
// xen-cluster-report: polls every dom0 of the Xen cluster over SNMP and prints one report.
import { main, packageVersion } from '@opskit/core';
import { reportFormatOption, schemaCommand, snmpV3Options } from './commands/common.js';

await main({
  name: 'xen-cluster-report',
  version: packageVersion(import.meta.url),
  description:
    'Discovers the dom0s (cluster listing of principal dom0s, or static lists) and reads every one over SNMP.',
  configDescription: 'Aggregator configuration file (YAML or JSON)',
  epilog: 'Docs: docs/xen-monitor.md',
  commands: [
    {
      command: 'report',
      describe: 'Poll every dom0 and print the cluster report (exit code: Nagios)',
      nagios: true,
      builder: (y) =>
        y
          .option('principal', {
            type: 'string',
            array: true,
            describe: 'DATACENTER=HOST answering the cluster listing (repeatable)',
          })
          .option('dom0', { type: 'string', array: true, describe: 'a dom0 to poll (repeatable)' })
          .option('dom0-file', {
            type: 'string',
            describe: 'file with one dom0 per line, optionally followed by its datacenter',
          })
          .option('host', {
            type: 'string',
            array: true,
            describe: 'NAME=ADDRESS[:PORT] where DNS does not know a dom0',
          })
          .option('community-file', {
            type: 'string',
            describe: 'file holding the SNMPv2c community (mode 600)',
          })
          .option('community', {
            type: 'string',
            describe: 'SNMPv2c community (visible in ps: prefer --community-file or OPSKIT_SNMP_COMMUNITY)',
          })
          .options(snmpV3Options)
          .option('port', { type: 'number', describe: 'SNMP port (default 161)' })
          .option('timeout', {
            type: 'number',
            describe: 'hard deadline per host in ms, retries included (default 2000)',
          })
          .option('retries', { type: 'number', describe: 'retries per dom0 (default 1)' })
          .option('concurrency', { type: 'number', describe: 'dom0s polled at once (default 100)' })
          .option('format', reportFormatOption)
          .option('metrics-file', {
            type: 'string',
            describe: 'also write a Prometheus textfile here (atomically)',
          })
          .option('serve', {
            type: 'number',
            describe: 'serve /metrics on this port instead (one poll per scrape)',
          })
          .option('bind', { type: 'string', default: '127.0.0.1', describe: 'address for --serve' }),
      run: async (args, ctx) => (await import('./commands/report.js')).report(args, ctx),
    },
    schemaCommand(async () => (await import('./report/schema.js')).reportConfigSchema),
  ],
});
