import { describe, expect, it } from 'vitest';
import { decimate, niceTicks, renderSvgChart, timeTicks } from './chart.js';

describe('renderSvgChart', () => {
  it('draws one path per series and breaks lines where values are unknown', () => {
    const svg = renderSvgChart({
      title: 'CPU <all>',
      unit: '%',
      series: [
        {
          name: 'a',
          points: [
            [0, 1],
            [600, 2],
            [1200, null],
            [1800, 4],
          ],
        },
        {
          name: 'b&c',
          points: [
            [0, 3],
            [600, 3],
          ],
        },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>CPU &lt;all&gt;</title>');
    const paths = [...svg.matchAll(/<path d="([^"]+)"[^>]*data-name="([^"]+)"/g)].map((m) => [m[2], m[1]]);
    expect(paths).toHaveLength(2);
    expect(paths[0]![1]!.match(/M/g)).toHaveLength(2); // the gap starts a new subpath
    expect(paths[1]![0]).toBe('b&amp;c');
  });

  it('says "no data" instead of drawing an empty frame silently', () => {
    expect(renderSvgChart({ title: 't', unit: '', series: [] })).toContain('no data');
  });

  it('chooses round ticks', () => {
    expect(niceTicks(0, 43)).toEqual([0, 10, 20, 30, 40, 50]);
    const t0 = Date.UTC(2026, 0, 1, 0, 10) / 1000;
    const offset = new Date(t0 * 1000).getTimezoneOffset() * 60;
    const ticks = timeTicks(t0, t0 + 86400, 8);
    expect(ticks.every((t) => (t - offset) % 10800 === 0)).toBe(true);
    expect(ticks).toHaveLength(8);
  });

  it('keeps the minimum and maximum of each pixel column, and gaps, when points outnumber pixels', () => {
    const pts: [number, number | null][] = Array.from({ length: 1000 }, (_, i) => [
      i,
      i === 500 ? 99 : i === 700 ? null : 1,
    ]);
    const d = decimate(pts, 0, 999, 10);
    expect(d.length).toBeLessThanOrEqual(31);
    expect(d.some(([, v]) => v === 99)).toBe(true);
    expect(d.some(([, v]) => v === null)).toBe(true);
    expect(d.map(([t]) => t)).toEqual([...d.map(([t]) => t)].sort((a, b) => a - b));
    expect(decimate(pts.slice(0, 15), 0, 14, 10)).toHaveLength(15);
  });
});
