// `stats-recorder report`: text tables, CSV, JSON, OpenMetrics, an HTML page or one SVG chart.
import { writeFileAtomic } from '@opskit/core';
import { withStatsDb } from '../db/open.js';
import { buildReport, type Report } from '../report/build.js';
import { renderSvgChart } from '../report/chart.js';
import { type CsvSection, renderCsv, renderOpenMetricsHistory, reportToJson } from '../report/export.js';
import { type ChartName, chartSpec, renderHtmlReport } from '../report/html.js';
import type { TopBy } from '../report/query.js';
import { resolveRange } from '../report/range.js';
import { renderReportText } from '../report/text.js';

export type ReportFormat = 'text' | 'csv' | 'json' | 'openmetrics';

export interface ReportCommandOptions {
  db: string;
  from?: string;
  to?: string;
  last?: string;
  now: number;
  guest?: string;
  top?: number;
  by?: TopBy;
  format: ReportFormat;
  section?: CsvSection;
  summary?: boolean;
  html?: string;
  svg?: string;
  chart?: ChartName;
}

export interface ReportOutput {
  /** Text for standard output (empty when only files were written). */
  stdout: string;
  files: string[];
  report: Report;
}

export function runReport(o: ReportCommandOptions): ReportOutput {
  const range = resolveRange({ from: o.from, to: o.to, last: o.last, now: Math.floor(o.now / 1000) });
  const charts = Boolean(o.html || o.svg);
  const report: Report = withStatsDb(o.db, { readonly: true }, (db) =>
    buildReport(db, { range, guest: o.guest, top: o.top, by: o.by, all: charts ? !o.guest : undefined }),
  );
  const files: string[] = [];
  if (o.html) {
    writeFileAtomic(o.html, renderHtmlReport(report));
    files.push(o.html);
  }
  if (o.svg) {
    const chart = o.chart ?? (o.guest ? 'guest-cpu' : 'cpu');
    writeFileAtomic(o.svg, `${renderSvgChart(chartSpec(report, chart))}\n`);
    files.push(o.svg);
  }
  let stdout = '';
  if (!files.length || o.format !== 'text') {
    if (o.format === 'json') stdout = `${JSON.stringify(reportToJson(report), null, 2)}\n`;
    else if (o.format === 'csv') stdout = renderCsv(report, o.section ?? (o.guest ? 'guest' : 'host'));
    else if (o.format === 'openmetrics') stdout = renderOpenMetricsHistory(report);
    else stdout = renderReportText(report, { summaryOnly: o.summary });
  }
  return { stdout, files, report };
}
