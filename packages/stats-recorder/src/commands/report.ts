// `stats-recorder report`: text tables, CSV, JSON, OpenMetrics, an HTML page or one SVG chart.
import { writeFileAtomic } from '@opskit/core';
import { withStatsDb } from '../db/open.js';
import { buildReport, type Report } from '../report/build.js';
import { renderSvgChart } from '../report/chart.js';
import { type CsvSection, reportToJson } from '../report/export.js';
import { type ChartName, chartSpec, renderHtmlReport } from '../report/html.js';
import type { TopBy } from '../report/query.js';
import { resolveRange } from '../report/range.js';
import { type Write, writeCsv, writeOpenMetrics } from '../report/stream.js';
import { renderReportText } from '../report/text.js';

export type ReportFormat = 'text' | 'csv' | 'json' | 'openmetrics';

/** Guests whose rows the HTML page keeps: the busiest by CPU get their own charts. */
const HTML_GUESTS = 24;

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
  /** Where output goes chunk by chunk (CSV and OpenMetrics stream); default: collected into `stdout`. */
  write?: Write;
}

export interface ReportOutput {
  /** Output collected when no `write` was given. */
  stdout: string;
  files: string[];
  /** The built report (absent for streamed CSV and OpenMetrics). */
  report?: Report;
}

export function runReport(o: ReportCommandOptions): ReportOutput {
  const range = resolveRange({ from: o.from, to: o.to, last: o.last, now: Math.floor(o.now / 1000) });
  let collected = '';
  const write: Write =
    o.write ??
    ((chunk) => {
      collected += chunk;
    });
  const files: string[] = [];
  const charts = Boolean(o.html || o.svg);
  const report = withStatsDb(o.db, { readonly: true }, (db): Report | undefined => {
    if (!charts && o.format === 'csv') {
      const section = o.section ?? (o.guest ? 'guest' : 'host');
      writeCsv(db, range, section, write, section === 'guest' ? o.guest : undefined);
      return undefined;
    }
    if (!charts && o.format === 'openmetrics') {
      writeOpenMetrics(db, range, write, { guest: o.guest });
      return undefined;
    }
    return buildReport(db, {
      range,
      guest: o.guest,
      top: o.top,
      by: o.by,
      all: charts ? !o.guest : undefined,
      guestRows: charts ? HTML_GUESTS : o.format === 'json',
    });
  });
  if (report) {
    if (o.html) {
      writeFileAtomic(o.html, renderHtmlReport(report, { perGuest: HTML_GUESTS }));
      files.push(o.html);
    }
    if (o.svg) {
      const chart = o.chart ?? (o.guest ? 'guest-cpu' : 'cpu');
      writeFileAtomic(o.svg, `${renderSvgChart(chartSpec(report, chart))}\n`);
      files.push(o.svg);
    }
    if (!files.length) {
      if (o.format === 'json') write(`${JSON.stringify(reportToJson(report), null, 2)}\n`);
      else write(renderReportText(report, { summaryOnly: o.summary }));
    }
  }
  return { stdout: collected, files, report };
}
