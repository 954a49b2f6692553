// A self-contained HTML report of a night: a Gantt chart (one bar per transfer, coloured by outcome),
// the concurrency limit and the transfers running over time, and the summary table. No scripts, no
// external resources: it opens offline.
import { formatBytes, formatDuration } from '@opskit/core';
import type { RunSummary, TimelinePoint } from './summary.js';
import { formatLocalTime } from './windows.js';

const COLORS: Record<string, string> = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  deferred: '#9e9e9e',
  skipped: '#bdbdbd',
  running: '#f9a825',
  'retry-wait': '#ef6c00',
};
const FILER_COLORS = ['#1565c0', '#6a1b9a', '#00838f', '#ad1457', '#4e342e', '#37474f'];

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function ticks(start: number, end: number): number[] {
  const span = end - start;
  const steps = [5, 10, 15, 30, 60, 120, 180, 360].map((m) => m * 60_000);
  const step = steps.find((s) => span / s <= 14) ?? 720 * 60_000;
  const out: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) out.push(t);
  return out;
}

function stepPath(
  points: TimelinePoint[],
  value: (p: TimelinePoint) => number,
  x: (t: number) => number,
  y: (v: number) => number,
  end: number,
): string {
  if (!points.length) return '';
  let d = '';
  points.forEach((p, i) => {
    const v = y(value(p));
    d += i === 0 ? `M${x(p.time).toFixed(1)},${v.toFixed(1)}` : `H${x(p.time).toFixed(1)}V${v.toFixed(1)}`;
  });
  return `${d}H${x(end).toFixed(1)}`;
}

export function renderHtmlReport(summary: RunSummary, title = 'SnapMirror night'): string {
  const tz = summary.timezone ?? undefined;
  const start = Date.parse(summary.started);
  const end = Math.max(Date.parse(summary.ended), start + 60_000);
  const bars = summary.transfers
    .filter((t) => t.start)
    .sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''));
  const W = 1200;
  const left = 300;
  const right = 20;
  const rowH = 14;
  const top = 30;
  const x = (t: number) => left + ((t - start) / (end - start)) * (W - left - right);
  const ganttH = top + bars.length * rowH + 10;
  const hhmm = (t: number) => formatLocalTime(t, tz).slice(11);

  const grid = ticks(start, end)
    .map(
      (t) =>
        `<line x1="${x(t).toFixed(1)}" y1="${top - 6}" x2="${x(t).toFixed(1)}" y2="${ganttH}" class="grid"/><text x="${x(t).toFixed(1)}" y="${top - 10}" class="tick">${hhmm(t)}</text>`,
    )
    .join('');
  const business = summary.timeline
    .map((p, i) => ({ p, next: summary.timeline[i + 1]?.time ?? end }))
    .filter(({ p }) => p.business)
    .map(
      ({ p, next }) =>
        `<rect x="${x(p.time).toFixed(1)}" y="${top}" width="${Math.max(0, x(next) - x(p.time)).toFixed(1)}" height="${ganttH - top}" class="business"/>`,
    )
    .join('');
  const rows = bars
    .map((t, i) => {
      const s = Date.parse(t.start ?? '');
      const e = t.end ? Date.parse(t.end) : end;
      const yy = top + i * rowH;
      const tip = `${t.source} → ${t.destination}\n${t.kind ?? ''} ${t.outcome}${t.adopted ? ' (adopted)' : ''}\n${hhmm(s)}–${t.end ? hhmm(e) : '…'} ${t.bytes ? formatBytes(t.bytes) : ''}${t.reason ? `\n${t.reason}` : ''}`;
      return `<g><title>${esc(tip)}</title><text x="${left - 6}" y="${yy + 10}" class="label">${esc(t.destination)}</text><rect x="${x(s).toFixed(1)}" y="${yy + 2}" width="${Math.max(1.5, x(e) - x(s)).toFixed(1)}" height="${rowH - 4}" fill="${COLORS[t.outcome] ?? '#f9a825'}"${t.adopted ? ' class="adopted"' : ''}/></g>`;
    })
    .join('');

  // Concurrency: the global limit and running count, and each filer's.
  const chartH = 180;
  const maxV = Math.max(
    1,
    ...summary.timeline.flatMap((p) => [
      p.global,
      p.globalLimit ?? 0,
      ...Object.values(p.limits),
      ...Object.values(p.running),
    ]),
  );
  const cy = (v: number) => 10 + (chartH - 30) * (1 - v / maxV);
  const series: string[] = [];
  const legend: string[] = [];
  if (summary.timeline.some((p) => p.globalLimit !== null)) {
    series.push(
      `<path d="${stepPath(summary.timeline, (p) => p.globalLimit ?? 0, x, cy, end)}" class="limit" stroke="#000"/>`,
    );
    legend.push('<span><i style="border-top:2px dashed #000"></i>global limit</span>');
  }
  series.push(
    `<path d="${stepPath(summary.timeline, (p) => p.global, x, cy, end)}" class="run" stroke="#000"/>`,
  );
  legend.push('<span><i style="border-top:2px solid #000"></i>running (all filers)</span>');
  summary.filers.forEach((f, i) => {
    const color = FILER_COLORS[i % FILER_COLORS.length];
    series.push(
      `<path d="${stepPath(summary.timeline, (p) => p.limits[f] ?? 0, x, cy, end)}" class="limit" stroke="${color}"/>`,
    );
    series.push(
      `<path d="${stepPath(summary.timeline, (p) => p.running[f] ?? 0, x, cy, end)}" class="run" stroke="${color}"/>`,
    );
    legend.push(
      `<span><i style="border-top:2px solid ${color}"></i>${esc(f)} running / limit (dashed)</span>`,
    );
  });
  const yTicks = [0, Math.round(maxV / 2), maxV]
    .map(
      (v) =>
        `<text x="${left - 6}" y="${cy(v) + 4}" class="label">${v}</text><line x1="${left}" x2="${W - right}" y1="${cy(v)}" y2="${cy(v)}" class="grid"/>`,
    )
    .join('');

  const c = summary.counts;
  const tableRows = summary.transfers
    .map(
      (t) =>
        `<tr class="${t.outcome}"><td>${esc(t.destination)}</td><td>${esc(t.source)}</td><td>${t.kind ?? '-'}</td><td>${t.outcome}${t.adopted ? ' (adopted)' : ''}</td><td>${t.start ? hhmm(Date.parse(t.start)) : '-'}</td><td>${t.end ? hhmm(Date.parse(t.end)) : '-'}</td><td class="n">${t.durationSeconds === null ? '-' : formatDuration(t.durationSeconds)}</td><td class="n">${t.bytes ? formatBytes(t.bytes) : '-'}</td><td class="n">${t.attempts}</td><td>${esc(t.reason ?? '')}</td></tr>`,
    )
    .join('\n');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:13px/1.4 system-ui,sans-serif;margin:20px;color:#222}
h1{font-size:20px;margin:0 0 4px} .sub{color:#555;margin-bottom:12px}
.cards{display:flex;gap:12px;margin:10px 0 16px} .card{border:1px solid #ddd;border-radius:6px;padding:8px 14px}
.card b{display:block;font-size:18px}
svg{display:block;background:#fff;border:1px solid #eee}
.grid{stroke:#e6e6e6} .tick{font-size:10px;fill:#666;text-anchor:middle} .label{font-size:10px;fill:#333;text-anchor:end}
.business{fill:#fff3e0} .adopted{stroke:#000;stroke-dasharray:2 2}
.limit{fill:none;stroke-width:1.5;stroke-dasharray:5 3} .run{fill:none;stroke-width:2}
.legend span{margin-right:16px;white-space:nowrap} .legend i{display:inline-block;width:22px;margin-right:4px;vertical-align:middle}
.key span{margin-right:12px} .key b{display:inline-block;width:12px;height:10px;margin-right:4px}
table{border-collapse:collapse;margin-top:12px} td,th{border-bottom:1px solid #eee;padding:3px 8px;text-align:left} td.n{text-align:right}
tr.failed td{color:#c62828} tr.deferred td,tr.skipped td{color:#777}
</style></head><body>
<h1>${esc(title)}</h1>
<div class="sub">${esc(formatLocalTime(start, tz))} → ${esc(formatLocalTime(Date.parse(summary.ended), tz))} (${formatDuration(summary.durationSeconds)}) · order: ${summary.order} · filers: ${esc(summary.filers.join(', '))}</div>
<div class="cards"><div class="card"><b>${c.succeeded}</b>succeeded</div><div class="card"><b>${c.failed}</b>failed</div><div class="card"><b>${c.deferred}</b>deferred</div><div class="card"><b>${c.skipped}</b>skipped</div><div class="card"><b>${formatBytes(summary.totalBytes)}</b>transferred</div><div class="card"><b>${summary.maxConcurrent.global}</b>highest concurrency</div></div>
<div class="key">${Object.entries(COLORS)
    .map(([k, v]) => `<span><b style="background:${v}"></b>${k}</span>`)
    .join('')}<span><b style="background:#fff3e0"></b>business hours</span></div>
<svg width="${W}" height="${ganttH}" viewBox="0 0 ${W} ${ganttH}" role="img" aria-label="Gantt chart of the transfers">${business}${grid}${rows}</svg>
<h2>Concurrency</h2>
<div class="legend">${legend.join('')}</div>
<svg width="${W}" height="${chartH}" viewBox="0 0 ${W} ${chartH}" role="img" aria-label="Concurrency over time">${yTicks}${series.join('')}</svg>
<h2>Transfers</h2>
<table><thead><tr><th>destination</th><th>source</th><th>kind</th><th>outcome</th><th>start</th><th>end</th><th>took</th><th>bytes</th><th>tries</th><th>note</th></tr></thead><tbody>
${tableRows}
</tbody></table>
</body></html>
`;
}
