// Chart selection and the self-contained HTML page (inline SVG, inline CSS, no scripts), viewable
// offline and attachable to a ticket.
import { UsageError } from '@opskit/core';
import type { Report, SeriesReport } from './build.js';
import { type ChartSpec, renderSvgChart } from './chart.js';
import { formatTime } from './text.js';

export const CHART_NAMES = [
  'cpu',
  'load',
  'mem',
  'net',
  'disk',
  'guest-cpu',
  'guest-net',
  'guest-io',
] as const;
export type ChartName = (typeof CHART_NAMES)[number];

const line = (s: SeriesReport, key: string, name: string) => ({
  name,
  points: s.rows.map((r) => [r.ts, r.values[key] ?? null] as [number, number | null]),
});

/** Guests ordered by average CPU, busiest first. */
function busiest(r: Report, n: number): SeriesReport[] {
  return [...r.guests]
    .sort((a, b) => (b.summary['cpu']?.avg ?? -1) - (a.summary['cpu']?.avg ?? -1))
    .slice(0, n);
}

export function chartSpec(r: Report, name: ChartName, guestsShown = 10): ChartSpec {
  const one = r.guests.length === 1 ? r.guests[0] : undefined;
  switch (name) {
    case 'cpu':
      return {
        title: 'Host CPU',
        unit: '%',
        series: ['user', 'system', 'iowait', 'steal'].map((k) => line(r.host, k, `%${k}`)),
      };
    case 'load':
      return {
        title: 'Load average',
        unit: '',
        series: ['load1', 'load5', 'load15'].map((k) => line(r.host, k, k)),
      };
    case 'mem':
      return {
        title: 'Memory and swap in use',
        unit: '%',
        series: [line(r.host, 'memused', '%memused'), line(r.host, 'swpused', '%swpused')],
      };
    case 'net':
      return {
        title: 'Network interfaces',
        unit: 'kB/s',
        series: r.ifaces.flatMap((s) => [line(s, 'rxkB', `${s.name} rx`), line(s, 'txkB', `${s.name} tx`)]),
      };
    case 'disk':
      return {
        title: 'Disks',
        unit: 'kB/s',
        series: r.disks.flatMap((s) => [line(s, 'rkB', `${s.name} read`), line(s, 'wkB', `${s.name} write`)]),
      };
    case 'guest-cpu':
      return {
        title: one ? `Guest ${one.name} CPU` : `Guest CPU (top ${guestsShown})`,
        unit: '% of one CPU',
        series: busiest(r, guestsShown).map((s) => line(s, 'cpu', s.name)),
      };
    case 'guest-net':
      return {
        title: one ? `Guest ${one.name} network` : `Guest network received (top ${guestsShown} by CPU)`,
        unit: 'kB/s',
        series: one
          ? [line(one, 'rxkB', 'rx'), line(one, 'txkB', 'tx')]
          : busiest(r, guestsShown).map((s) => line(s, 'rxkB', s.name)),
      };
    case 'guest-io':
      return {
        title: one ? `Guest ${one.name} block I/O` : `Guest block reads+writes (top ${guestsShown} by CPU)`,
        unit: 'ops/s',
        series: one
          ? [line(one, 'rd', 'reads'), line(one, 'wr', 'writes')]
          : busiest(r, guestsShown).map((s) => ({
              name: s.name,
              points: s.rows.map((x) => {
                const rd = x.values['rd'];
                const wr = x.values['wr'];
                return [x.ts, rd == null || wr == null ? null : rd + wr] as [number, number | null];
              }),
            })),
      };
    default:
      throw new UsageError(`--chart: unknown chart "${String(name)}"`, {
        hint: `expected one of ${CHART_NAMES.join(', ')}`,
      });
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One page: host charts, then guests (all guests' CPU, and one chart per busiest guest). */
export function renderHtmlReport(r: Report, options: { perGuest?: number } = {}): string {
  const sections: string[] = [];
  const add = (spec: ChartSpec) => sections.push(`<figure>${renderSvgChart(spec)}</figure>`);
  if (r.host.rows.length) for (const c of ['cpu', 'load', 'mem'] as const) add(chartSpec(r, c));
  if (r.ifaces.length) add(chartSpec(r, 'net'));
  if (r.disks.length) add(chartSpec(r, 'disk'));
  if (r.guests.length) {
    sections.push('<h2>Guests</h2>');
    for (const c of ['guest-cpu', 'guest-net', 'guest-io'] as const) add(chartSpec(r, c));
    if (r.guests.length > 1) {
      const n = options.perGuest ?? 24;
      for (const g of busiest(r, n)) {
        // CPU and network on their own axes: kB/s would flatten a percentage.
        sections.push('<div class="guest">');
        add({ title: `${g.name} CPU`, unit: '%', width: 440, height: 200, series: [line(g, 'cpu', '%cpu')] });
        add({
          title: `${g.name} network`,
          unit: 'kB/s',
          width: 440,
          height: 200,
          series: [line(g, 'rxkB', 'rx'), line(g, 'txkB', 'tx')],
        });
        sections.push('</div>');
      }
    }
  }
  const title = `stats-recorder: ${r.hostname ?? 'host'} ${formatTime(r.range.from)} .. ${formatTime(r.range.to)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font-family: sans-serif; margin: 16px; background: #f4f4f4; color: #222; }
h1 { font-size: 18px; } h2 { font-size: 16px; margin-top: 24px; }
figure { display: inline-block; margin: 8px; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
p.meta { color: #555; }
div.guest { display: block; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${r.samples} samples${r.guests.length ? `, ${r.guests.length} guests` : ''}. Generated by stats-recorder.</p>
${sections.length ? sections.join('\n') : '<p>No samples in this time range.</p>'}
</body>
</html>
`;
}
