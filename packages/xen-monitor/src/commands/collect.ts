// xen-dom0-collector collect: read every domU's record, check dom0, print in the chosen format.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type CommandArgs,
  type CommandContext,
  NagiosCode,
  printJson,
  UsageError,
  withLock,
  writeFileAtomic,
} from '@opskit/core';
import { renderHuman, renderNagios } from '../collector/format.js';
import { renderCollectorMetrics } from '../collector/metrics.js';
import { renderRaw } from '../collector/raw.js';
import { runCollector } from '../collector/run.js';
import { openXenStore } from '../xenstore/open.js';
import { collectorConfig } from './collector-config.js';

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
  const nagios = renderNagios(report);
  if (args.json) printJson(ctx.stdout, report);
  else if (format === 'raw') ctx.stdout.write(renderRaw(report, Boolean(args['all'])));
  else if (format === 'nagios') ctx.stdout.write(nagios.text);
  else if (format === 'openmetrics' || format === 'prometheus') {
    const text = renderCollectorMetrics(report, format === 'openmetrics');
    ctx.stdout.write(text);
  } else ctx.stdout.write(renderHuman(report));
  if (typeof args['writeMetrics'] === 'string') {
    mkdirSync(dirname(args['writeMetrics'] as string), { recursive: true });
    writeFileAtomic(args['writeMetrics'] as string, renderCollectorMetrics(report));
  }
  return NagiosCode[report.status];
}
