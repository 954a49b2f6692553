// Self-contained SVG line charts (no scripts, no external fonts): time on x, one line per series,
// gaps where a value is unknown (series restarts, missing samples).

export interface ChartSeries {
  name: string;
  points: [number, number | null][];
}

export interface ChartSpec {
  title: string;
  unit: string;
  series: ChartSeries[];
  width?: number;
  height?: number;
  /** Force the y axis to start at 0 (default true). */
  zero?: boolean;
}

export const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f7f',
  '#bcbd22',
];

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 1, 2, 5 x 10^n steps giving about `count` ticks. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (max <= min) max = min + 1;
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

const TICK_STEPS = [600, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000];

/** Round times (whole hours, midnights in the local zone) between x0 and x1, at most about `count`. */
export function timeTicks(x0: number, x1: number, count: number): number[] {
  if (x1 <= x0) return [x0];
  const step = TICK_STEPS.find((s) => (x1 - x0) / s <= count) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const offset = new Date(x0 * 1000).getTimezoneOffset() * 60; // align on local midnights and hours
  const ticks: number[] = [];
  for (let t = Math.ceil((x0 - offset) / step) * step + offset; t <= x1; t += step) ticks.push(t);
  return ticks;
}

const pad = (n: number) => String(n).padStart(2, '0');

function timeLabel(ts: number, span: number): string {
  const d = new Date(ts * 1000);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const md = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return span > 3 * 86400 ? md : span > 86400 ? `${md} ${hm}` : hm;
}

function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  return Number.isInteger(v) ? String(v) : v.toFixed(a < 1 ? 2 : 1);
}

/**
 * More points than pixels: keep, per pixel column, the lowest and highest value in time order (a
 * spike stays visible) and a gap where the column had unknown values. Keeps long-range pages small.
 */
export function decimate(
  points: [number, number | null][],
  x0: number,
  x1: number,
  columns: number,
): [number, number | null][] {
  if (points.length <= columns * 2 || x1 <= x0) return points;
  const out: [number, number | null][] = [];
  let col = -1;
  let lo: [number, number] | undefined;
  let hi: [number, number] | undefined;
  let gap = false;
  const flush = () => {
    if (lo && hi) out.push(...((lo[0] <= hi[0] ? [lo, hi] : [hi, lo]) as [number, number][]));
    if (gap) out.push([Math.max(lo?.[0] ?? x0, hi?.[0] ?? x0), null]);
    lo = hi = undefined;
    gap = false;
  };
  for (const [t, v] of points) {
    const c = Math.min(columns - 1, Math.floor(((t - x0) / (x1 - x0)) * columns));
    if (c !== col) {
      flush();
      col = c;
    }
    if (v === null || !Number.isFinite(v)) gap = true;
    else {
      if (!lo || v < lo[1]) lo = [t, v];
      if (!hi || v > hi[1]) hi = [t, v];
    }
  }
  flush();
  return out;
}

export function renderSvgChart(spec: ChartSpec): string {
  const W = spec.width ?? 900;
  const H = spec.height ?? 280;
  const m = { left: 64, right: 16, top: 32, bottom: 48 + 18 * Math.ceil(spec.series.length / 4) };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const all = spec.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v));
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = xs.length ? Math.max(...xs) : 1;
  const ticksY = niceTicks(
    spec.zero === false && ys.length ? Math.min(...ys) : 0,
    ys.length ? Math.max(...ys) : 1,
  );
  const y0 = ticksY[0]!;
  const y1 = ticksY[ticksY.length - 1]!;
  const sx = (t: number) => m.left + (x1 === x0 ? pw / 2 : ((t - x0) / (x1 - x0)) * pw);
  const sy = (v: number) => m.top + ph - ((v - y0) / (y1 - y0 || 1)) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<title>${xmlEscape(spec.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="18" font-size="14" font-weight="bold">${xmlEscape(spec.title)}${spec.unit ? ` (${xmlEscape(spec.unit)})` : ''}</text>`,
  );
  for (const t of ticksY) {
    const y = sy(t).toFixed(1);
    out.push(
      `<line x1="${m.left}" x2="${m.left + pw}" y1="${y}" y2="${y}" stroke="#e0e0e0"/>`,
      `<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" fill="#444">${formatNumber(t)}</text>`,
    );
  }
  const span = x1 - x0;
  for (const t of timeTicks(x0, x1, Math.min(8, Math.max(2, Math.floor(pw / 110))))) {
    const x = sx(t).toFixed(1);
    out.push(
      `<line x1="${x}" x2="${x}" y1="${m.top + ph}" y2="${m.top + ph + 4}" stroke="#444"/>`,
      `<text x="${x}" y="${m.top + ph + 16}" text-anchor="middle" fill="#444">${timeLabel(t, span)}</text>`,
    );
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  spec.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    let d = '';
    let pen = false;
    for (const [t, v] of decimate(s.points, x0, x1, Math.round(pw))) {
      if (v === null || !Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${sx(t).toFixed(1)},${sy(v).toFixed(1)}`;
      pen = true;
    }
    if (d)
      out.push(
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="2" class="series" data-name="${xmlEscape(s.name)}"/>`,
      );
    const lx = m.left + (i % 4) * (pw / 4);
    const ly = m.top + ph + 34 + 18 * Math.floor(i / 4);
    out.push(
      `<rect x="${lx}" y="${ly - 8}" width="14" height="10" fill="${color}"/>`,
      `<text x="${lx + 18}" y="${ly}" fill="#222">${xmlEscape(s.name)}</text>`,
    );
  });
  if (!ys.length) {
    out.push(
      `<text x="${m.left + pw / 2}" y="${m.top + ph / 2}" text-anchor="middle" fill="#888">no data</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
