// sar-like text: per-sample tables followed by Average / Maximum / 95th pct lines, then summaries
// per interface, disk and guest, and the top-N table.
import { renderTable } from '@opskit/core';
import type { Report, SeriesReport } from './build.js';
import { METRICS, type MetricDef } from './metrics.js';
import type { Summary } from './stats.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-24 10:10:00" in the process time zone (TZ), like sar. */
export function formatTime(ts: number): string {
  const d = new Date(ts * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  return v.toFixed(2);
}

const STATS: [string, keyof Summary][] = [
  ['Average:', 'avg'],
  ['Maximum:', 'max'],
  ['95th pct:', 'p95'],
];

function perSample(s: SeriesReport, defs: MetricDef[]): string {
  const head = ['time', ...defs.map((d) => d.label)];
  const rows = s.rows.map((r) => [formatTime(r.ts), ...defs.map((d) => fmt(r.values[d.key]))]);
  for (const [label, k] of STATS)
    rows.push([label, ...defs.map((d) => fmt(s.summary[d.key]?.[k] as number | null))]);
  return renderTable(head, rows, { alignRight: head.map((_, i) => i).slice(1) });
}

function summaries(title: string, list: SeriesReport[], defs: MetricDef[]): string {
  const rows: string[][] = [];
  for (const s of list)
    for (const [label, k] of STATS)
      rows.push([
        s.name,
        label.replace(':', ''),
        ...defs.map((d) => fmt(s.summary[d.key]?.[k] as number | null)),
      ]);
  const head = [title, 'stat', ...defs.map((d) => d.label)];
  return renderTable(head, rows, { alignRight: head.map((_, i) => i).slice(2) });
}

export function renderReportText(r: Report, options: { summaryOnly?: boolean } = {}): string {
  const out: string[] = [];
  out.push(
    `${r.hostname ?? 'host'}  ${formatTime(r.range.from)} .. ${formatTime(r.range.to)}  (${r.samples} sample${r.samples === 1 ? '' : 's'})\n`,
  );
  if (r.host.rows.length) {
    out.push(
      options.summaryOnly ? summaries('host', [r.host], METRICS.host) : perSample(r.host, METRICS.host),
    );
  }
  if (r.ifaces.length) out.push(summaries('IFACE', r.ifaces, METRICS.iface));
  if (r.disks.length) out.push(summaries('DEV', r.disks, METRICS.disk));
  if (r.guests.length === 1 && r.top === undefined && !r.host.rows.length) {
    const g = r.guests[0]!;
    out.push(`guest ${g.name}\n`);
    out.push(perSample(g, METRICS.guest));
  } else if (r.guests.length) out.push(summaries('GUEST', r.guests, METRICS.guest));
  if (r.top) {
    out.push(`top ${r.top.guests.length} guests by ${r.top.by} (${r.top.unit})\n`);
    out.push(
      renderTable(
        ['rank', 'guest', 'average', 'maximum', '95th pct'],
        r.top.guests.map((g, i) => [i + 1, g.name, fmt(g.avg), fmt(g.max), fmt(g.p95)]),
      ),
    );
  }
  if (!r.samples) out.push('no samples in this time range\n');
  return out.join('\n');
}
