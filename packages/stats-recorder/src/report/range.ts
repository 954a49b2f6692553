// Time ranges for reports: --from/--to (dates, times, @epoch) or --last 24h.
import { parseDuration, UsageError } from '@opskit/core';

export interface TimeRange {
  /** Exclusive start, seconds since the epoch. */
  from: number;
  /** Inclusive end, seconds since the epoch. */
  to: number;
}

/** "2026-11-24", "2026-11-24 10:00", "2026-11-24T10:00:00Z", "@1795571086" -> epoch seconds. */
export function parseTime(text: string, field: string): number {
  const t = text.trim();
  if (/^@\d+$/.test(t)) return Number(t.slice(1));
  const iso = t.includes(' ') ? t.replace(' ', 'T') : t;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(ms)) {
    throw new UsageError(`${field}: cannot read "${text}" as a time`, {
      hint: 'expected YYYY-MM-DD, "YYYY-MM-DD HH:MM[:SS]", an ISO 8601 time or @epoch-seconds',
    });
  }
  return Math.floor(ms / 1000);
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
