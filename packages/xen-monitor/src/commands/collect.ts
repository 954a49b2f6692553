// xen-dom0-collector collect: read every domU's record, check dom0, print in the chosen format.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CommandArgs, type CommandContext, NagiosCode, UsageError, withLock } from '@opskit/core';
import { renderHuman, renderNagios } from '../collector/format.js';
import { renderCollectorMetrics } from '../collector/metrics.js';
import { renderRaw } from '../collector/raw.js';
import { runCollector } from '../collector/run.js';
import { openXenStore } from '../xenstore/open.js';
import { collectorConfig } from './collector-config.js';
import { printReport, writeMetricsFile } from './print-report.js';

export const FORMATS = ['human', 'raw', 'nagios', 'openmetrics', 'prometheus'] as const;

export async function collect(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = collectorConfig(args, ctx);
  for (const [flag, key] of [
    ['stateFile', 'stateFile'],
    ['cacheFile', 'cacheFile'],
    ['metricsFile', 'metricsFile'],
  ] as const)
    if (typeof args[flag] === 'string') config[key] = args[flag] as string;
  if (typeof args['procRoot'] === 'string') config.dom0.procRoot = args['procRoot'] as string;
  const format = (args['format'] as string) ?? 'human';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  mkdirSync(dirname(config.stateFile), { recursive: true });
  const report = await withLock(`${config.stateFile}.lock`, () =>
    runCollector({ config, store: openXenStore(config.xenstore), dryRun: args.dryRun }),
  );
  for (const w of report.warnings) ctx.log.warn(w);
  printReport(
    ctx,
    report,
    { json: args.json, format },
    {
      human: renderHuman,
      raw: (r) => renderRaw(r, Boolean(args['all'])),
      nagios: (r) => renderNagios(r).text,
      metrics: renderCollectorMetrics,
    },
  );
  if (typeof args['writeMetrics'] === 'string')
    writeMetricsFile(args['writeMetrics'], renderCollectorMetrics(report));
  return NagiosCode[report.status];
}
