// Exports: CSV (one section, wide), JSON (the whole report) and OpenMetrics with timestamps, the
// form `promtool tsdb create-blocks-from openmetrics` backfills into Prometheus.
import { sanitizeMetricName } from '@opskit/core';
import type { Report, SeriesReport } from './build.js';
import { METRICS, type SeriesKind } from './metrics.js';

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

/** One CSV table: time (ISO 8601 UTC), epoch, name (except host), then one column per metric. */
export function renderCsv(r: Report, section: CsvSection): string {
  const defs = METRICS[section];
  const head = [
    'time',
    'epoch',
    ...(section === 'host' ? [] : [section]),
    'interval_s',
    ...defs.map((d) => d.label),
  ];
  const lines = [head.map(csvCell).join(',')];
  for (const s of sectionSeries(r, section)) {
    for (const row of s.rows) {
      lines.push(
        [
          new Date(row.ts * 1000).toISOString(),
          row.ts,
          ...(section === 'host' ? [] : [s.name]),
          row.intervalS,
          ...defs.map((d) => round(row.values[d.key])),
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
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

/**
 * OpenMetrics text with a timestamp on every sample (core's renderMetrics renders the current
 * value only). One gauge family per metric, labelled host and iface/disk/guest.
 */
export function renderOpenMetricsHistory(r: Report, prefix = 'stats_recorder'): string {
  const host = r.hostname ?? 'localhost';
  const lines: string[] = [];
  const kinds: [SeriesKind, SeriesReport[]][] = [
    ['host', r.host.rows.length ? [r.host] : []],
    ['iface', r.ifaces],
    ['disk', r.disks],
    ['guest', r.guests],
  ];
  for (const [kind, list] of kinds) {
    if (!list.length) continue;
    for (const d of METRICS[kind]) {
      const name = sanitizeMetricName(`${prefix}_${d.om}`);
      lines.push(`# HELP ${name} ${d.help}`, `# TYPE ${name} gauge`);
      for (const s of list) {
        const labels =
          kind === 'host' ? `host="${esc(host)}"` : `host="${esc(host)}",${kind}="${esc(s.name)}"`;
        for (const row of s.rows) {
          const v = row.values[d.key];
          if (v === null || v === undefined || !Number.isFinite(v)) continue;
          lines.push(`${name}{${labels}} ${round(v)} ${row.ts}`);
        }
      }
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
