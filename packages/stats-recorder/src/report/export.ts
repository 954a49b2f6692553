// Exports: CSV (one section, wide), JSON (the whole report) and OpenMetrics with timestamps, the
// form `promtool tsdb create-blocks-from openmetrics` backfills into Prometheus. The render*
// functions work on a built report; stream.ts writes the same formats straight from the database.
import { sanitizeMetricName } from '@opskit/core';
import type { Report, SeriesReport } from './build.js';
import { METRICS, type MetricDef, type SeriesKind, type SeriesRow } from './metrics.js';

export type CsvSection = SeriesKind;

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const round = (v: number | null | undefined) =>
  v === null || v === undefined ? null : Math.round(v * 1000) / 1000;

function sectionSeries(r: Report, section: CsvSection): SeriesReport[] {
  return section === 'host'
    ? [r.host]
    : section === 'iface'
      ? r.ifaces
      : section === 'disk'
        ? r.disks
        : r.guests;
}

export function csvHeader(section: CsvSection): string {
  const defs = METRICS[section];
  const head = [
    'time',
    'epoch',
    ...(section === 'host' ? [] : [section]),
    'interval_s',
    ...defs.map((d) => d.label),
  ];
  return `${head.map(csvCell).join(',')}\r\n`;
}

export function csvRows(section: CsvSection, name: string, rows: SeriesRow[]): string {
  const defs = METRICS[section];
  let out = '';
  for (const row of rows) {
    out += `${[
      new Date(row.ts * 1000).toISOString(),
      row.ts,
      ...(section === 'host' ? [] : [name]),
      row.intervalS,
      ...defs.map((d) => round(row.values[d.key])),
    ]
      .map(csvCell)
      .join(',')}\r\n`;
  }
  return out;
}

/** One CSV table: time (ISO 8601 UTC), epoch, name (except host), then one column per metric. */
export function renderCsv(r: Report, section: CsvSection): string {
  return (
    csvHeader(section) +
    sectionSeries(r, section)
      .map((s) => csvRows(section, s.name, s.rows))
      .join('')
  );
}

export function reportToJson(r: Report): unknown {
  const rows = (s: SeriesReport) => ({
    name: s.name,
    summary: s.summary,
    rows: s.rows.map((x) => ({
      time: new Date(x.ts * 1000).toISOString(),
      ts: x.ts,
      interval_s: x.intervalS,
      ...Object.fromEntries(Object.entries(x.values).map(([k, v]) => [k, round(v)])),
    })),
  });
  return {
    hostname: r.hostname ?? null,
    from: new Date(r.range.from * 1000).toISOString(),
    to: new Date(r.range.to * 1000).toISOString(),
    samples: r.samples,
    host: r.host.rows.length ? rows(r.host) : null,
    ifaces: r.ifaces.map(rows),
    disks: r.disks.map(rows),
    guests: r.guests.map(rows),
    ...(r.top ? { top: r.top } : {}),
  };
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export const OPENMETRICS_PREFIX = 'stats_recorder';

export function openMetricsFamilyHeader(d: MetricDef): string {
  const name = sanitizeMetricName(`${OPENMETRICS_PREFIX}_${d.om}`);
  return `# HELP ${name} ${d.help}\n# TYPE ${name} gauge\n`;
}

/** The samples of one series for one metric, each with its timestamp (seconds). */
export function openMetricsLines(
  kind: SeriesKind,
  d: MetricDef,
  host: string,
  name: string,
  rows: SeriesRow[],
): string {
  const metric = sanitizeMetricName(`${OPENMETRICS_PREFIX}_${d.om}`);
  const labels = kind === 'host' ? `host="${esc(host)}"` : `host="${esc(host)}",${kind}="${esc(name)}"`;
  let out = '';
  for (const row of rows) {
    const v = row.values[d.key];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    out += `${metric}{${labels}} ${round(v)} ${row.ts}\n`;
  }
  return out;
}

/**
 * OpenMetrics text with a timestamp on every sample (core's renderMetrics renders the current
 * value only). One gauge family per metric, labelled host and iface/disk/guest.
 */
export function renderOpenMetricsHistory(r: Report): string {
  const host = r.hostname ?? 'localhost';
  let out = '';
  const kinds: [SeriesKind, SeriesReport[]][] = [
    ['host', r.host.rows.length ? [r.host] : []],
    ['iface', r.ifaces],
    ['disk', r.disks],
    ['guest', r.guests],
  ];
  for (const [kind, list] of kinds) {
    if (!list.length) continue;
    for (const d of METRICS[kind]) {
      out += openMetricsFamilyHeader(d);
      for (const s of list) out += openMetricsLines(kind, d, host, s.name, s.rows);
    }
  }
  return `${out}# EOF\n`;
}
