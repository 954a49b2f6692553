// How the collector's and the cluster report's commands print their report: --json, else the chosen
// --format; and the Prometheus textfile they may also write.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CommandContext, printJson, writeFileAtomic } from '@opskit/core';

export interface ReportRenderers<R> {
  human(r: R): string;
  raw(r: R): string;
  nagios(r: R): string;
  metrics(r: R, openMetrics: boolean): string;
}

export function printReport<R>(
  ctx: CommandContext,
  report: R,
  output: { json: boolean; format: string },
  render: ReportRenderers<R>,
): void {
  const { format } = output;
  if (output.json) printJson(ctx.stdout, report);
  else if (format === 'raw') ctx.stdout.write(render.raw(report));
  else if (format === 'nagios') ctx.stdout.write(render.nagios(report));
  else if (format === 'openmetrics' || format === 'prometheus')
    ctx.stdout.write(render.metrics(report, format === 'openmetrics'));
  else ctx.stdout.write(render.human(report));
}

/** Writes a Prometheus textfile atomically, creating its directory. */
export function writeMetricsFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, text);
}
