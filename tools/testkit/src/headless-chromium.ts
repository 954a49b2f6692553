// Debian's chromium, headless, for checking that generated HTML/SVG renders: screenshots and the
// DOM after rendering. Each run gets a fresh, empty profile directory; nothing goes to the network.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runProcess } from './process.js';

export const CHROMIUM = process.env['OPSKIT_CHROMIUM'] ?? '/usr/bin/chromium';

function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set OPSKIT_CHROMIUM`,
    );
  }
}

async function runChromium(extra: string[], file: string, timeoutMs: number): Promise<string> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'opskit-chromium-'));
  try {
    const r = await runProcess(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...extra,
        pathToFileURL(file).href,
      ],
      { timeoutMs },
    );
    if (r.code !== 0) throw new Error(`chromium exited ${r.code ?? r.signal}: ${r.stderr.slice(-2000)}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Renders a local file and writes a PNG screenshot of the given window size; returns the PNG bytes. */
export async function screenshot(
  file: string,
  png: string,
  options: { width?: number; height?: number; timeoutMs?: number } = {},
): Promise<Buffer> {
  await runChromium(
    [`--screenshot=${png}`, `--window-size=${options.width ?? 1200},${options.height ?? 900}`],
    file,
    options.timeoutMs ?? 120_000,
  );
  if (!existsSync(png)) throw new Error(`chromium wrote no screenshot to ${png}`);
  return readFileSync(png);
}

/** The DOM of a local file after chromium loaded and rendered it. */
export function dumpDom(file: string, timeoutMs = 120_000): Promise<string> {
  return runChromium(['--dump-dom'], file, timeoutMs);
}
