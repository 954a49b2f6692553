// Time ranges for reports: --from/--to (dates, times, @epoch) or --last 24h.
import { parseDuration, UsageError } from '@opskit/core';

export interface TimeRange {
  /** Exclusive start, seconds since the epoch. */
  from: number;
  /** Inclusive end, seconds since the epoch. */
  to: number;
}

const EXPECTED =
  'expected YYYY-MM-DD, "YYYY-MM-DD HH:MM[:SS]" (local time), ISO 8601 such as 2026-11-24T10:00:00Z or +01:00, or @epoch-seconds';

// Only these forms: Date.parse alone would take "1" for 2001-01-01 and "11/24" for some year.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** "2026-11-24", "2026-11-24 10:00", "2026-11-24T10:00:00Z", "@1795571086" -> epoch seconds. */
export function parseTime(text: string, field: string): number {
  const t = text.trim();
  if (/^@\d+$/.test(t)) return Number(t.slice(1));
  const bad = (why = '') =>
    new UsageError(`${field}: cannot read "${text}" as a time${why}`, { hint: EXPECTED });
  const m = ISO.exec(t);
  if (!m) throw bad();
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d)
    throw bad(': no such date');
  if (h > 23 || mi > 59 || sec > 59) throw bad(': no such time of day');
  const zone = m[8];
  if (zone === undefined) return Math.floor(new Date(y, mo - 1, d, h, mi, sec).getTime() / 1000);
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || 0);
    if (oh > 23 || om > 59) throw bad(': no such time zone offset');
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec) / 1000 - offsetMin * 60;
}

export interface RangeOptions {
  from?: string;
  to?: string;
  last?: string;
  /** Seconds since the epoch used for "now" (default: the clock). */
  now: number;
}

export function resolveRange(o: RangeOptions): TimeRange {
  if (o.last && o.from) throw new UsageError('--last and --from cannot be used together');
  const to = o.to ? parseTime(o.to, '--to') : o.now;
  let from: number;
  if (o.from) from = parseTime(o.from, '--from');
  else {
    let ms: number;
    try {
      ms = parseDuration(o.last ?? '24h');
    } catch (err) {
      throw new UsageError(`--last: ${(err as Error).message}`);
    }
    from = to - Math.round(ms / 1000);
  }
  if (from >= to) throw new UsageError('the time range is empty (--from must be before --to)');
  return { from, to };
}
