// The HTML page and a single SVG chart rendered by Debian's headless chromium: the page loads
// offline, has its charts, and the screenshot shows the series colours (not a blank page).
import { readFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { dumpDom, screenshot } from '@opskit/testkit/headless-chromium';
import { countColor, decodePng } from '@opskit/testkit/png-decode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStatsDb, PALETTE, runReport } from '../src/index.js';
import { writeDemoDay } from './demo-data.js';
import { T0 } from './helpers.js';

let dir: TempDir;
const range = { from: `@${T0}`, to: `@${T0 + 86400}`, now: (T0 + 86400) * 1000, format: 'text' as const };

beforeAll(() => {
  dir = makeTempDir('stats-charts-');
  const db = openStatsDb(dir.join('d.db'));
  writeDemoDay(db, T0);
  db.close();
});
afterAll(() => dir.remove());

describe('charts in headless chromium', { timeout: 240_000 }, () => {
  it('renders the HTML report with every chart, and the screenshot shows the series', async () => {
    const html = dir.join('report.html');
    const out = runReport({ ...range, db: dir.join('d.db'), html });
    expect(out.files).toEqual([html]);
    const text = readFileSync(html, 'utf8');
    expect(text).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // self-contained, nothing to fetch

    const dom = await dumpDom(html);
    // cpu, load, mem, net, disk, 3 all-guest charts, then CPU and network for each of the 12 guests
    expect(dom.match(/<svg /g)).toHaveLength(32);
    expect(dom).toContain('vm12 network');
    expect(dom).toContain('Guest CPU (top 10)');

    const png = decodePng(await screenshot(html, dir.join('report.png'), { width: 1200, height: 900 }));
    expect([png.width, png.height]).toEqual([1200, 900]);
    // The first screen holds the CPU and load charts: their first two series colours are drawn.
    expect(countColor(png, PALETTE[0]!)).toBeGreaterThan(800);
    expect(countColor(png, PALETTE[1]!)).toBeGreaterThan(300);
    expect(countColor(png, '#ffffff', 0)).toBeGreaterThan(1200 * 900 * 0.2); // chart backgrounds
  });

  it('renders one SVG chart of guest CPU with a line per guest', async () => {
    const svg = dir.join('guests.svg');
    runReport({ ...range, db: dir.join('d.db'), svg, chart: 'guest-cpu' });
    const dom = await dumpDom(svg);
    expect(dom.match(/class="series"/g)).toHaveLength(10);
    const png = decodePng(await screenshot(svg, dir.join('guests.png'), { width: 900, height: 320 }));
    // Inside the plot area only (not the legend swatches): each of the ten lines is drawn.
    const plot = { x0: 64, y0: 32, x1: 884, y1: 178 };
    for (const color of PALETTE) expect(countColor(png, color, 8, plot)).toBeGreaterThan(200);
  });
});
