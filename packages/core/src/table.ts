// Plain text tables for terminals and reports: aligned columns, numbers right-aligned.

export interface TableOptions {
  /** Column indexes to right-align (default: columns whose cells all look numeric). */
  alignRight?: number[];
  gap?: number;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ANSI, '').length;

export function renderTable(
  header: string[],
  rows: (string | number)[][],
  options: TableOptions = {},
): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = header.map((h, i) => Math.max(visible(h), ...cells.map((r) => visible(r[i] ?? ''))));
  const numeric = header.map(
    (_, i) => cells.length > 0 && cells.every((r) => /^[-+]?[\d.,]+\s*[%a-zA-Z/]*$|^-?$/.test(r[i] ?? '')),
  );
  const right = new Set(options.alignRight ?? numeric.flatMap((n, i) => (n ? [i] : [])));
  const gap = ' '.repeat(options.gap ?? 2);
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visible(c)));
        return right.has(i) ? pad + c : c + pad;
      })
      .join(gap)
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/** 1536 -> "1.5 KiB" */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

/** 3725 s -> "1h02m05s" */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h}h${String(m).padStart(2, '0')}m${String(sec).padStart(2, '0')}s`;
  if (m) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** Parses "90d", "24h", "30m", "45s", "2w" into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(text);
  if (!m) throw new Error(`invalid duration "${text}" (expected a number with ms, s, m, h, d or w)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[unit] ?? 1000;
  return n * factor;
}
