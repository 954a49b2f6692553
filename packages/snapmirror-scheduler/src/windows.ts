// Business hours: which limit applies at an instant, and when the window next opens or closes.
import type { LimitPair, SchedulerConfig, Weekday } from './config.js';
import { filerLimits } from './config.js';

const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minutes: number;
  weekday: Weekday;
}

function formatter(tz: string | undefined): Intl.DateTimeFormat {
  const key = tz ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(key, f);
  }
  return f;
}

function localParts(t: number, tz: string | undefined): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(t))) parts[p.type] = p.value;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
    weekday: (parts['weekday'] ?? 'Sun').slice(0, 3).toLowerCase() as Weekday,
  };
}

function offsetMs(t: number, tz: string | undefined): number {
  const p = localParts(t, tz);
  return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - Math.floor(t / 60_000) * 60_000;
}

/** The UTC instant of a local wall-clock time in `tz`. */
function localToUtc(
  year: number,
  month: number,
  day: number,
  minutes: number,
  tz: string | undefined,
): number {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - offsetMs(guess, tz);
  const second = guess - offsetMs(first, tz);
  const wall = (t: number) => {
    const p = localParts(t, tz);
    return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes);
  };
  if (wall(second) === guess) return second;
  // The wall-clock time does not exist (the spring-forward gap): the window opens at the first instant
  // whose local time is past it, i.e. the moment the clocks jump.
  let lo = Math.min(first, second);
  let hi = Math.max(first, second);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wall(mid) >= guess) hi = mid;
    else lo = mid;
  }
  return hi;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export class BusinessHours {
  private readonly days: Set<Weekday>;
  private readonly start: number;
  private readonly end: number;

  constructor(private readonly config: Pick<SchedulerConfig, 'businessHours' | 'timezone'>) {
    this.days = new Set(config.businessHours.days);
    this.start = toMinutes(config.businessHours.start);
    this.end = toMinutes(config.businessHours.end);
  }

  isBusiness(t: number): boolean {
    const p = localParts(t, this.config.timezone);
    return this.days.has(p.weekday) && p.minutes >= this.start && p.minutes < this.end;
  }

  /** The first instant strictly after `t` at which the window opens (Infinity when no business day is set). */
  nextOpen(t: number): number {
    return this.nextAt(t, this.start);
  }

  /** The first instant strictly after `t` at which the window closes. */
  nextClose(t: number): number {
    return this.nextAt(t, this.end);
  }

  /** The next instant after `t` at which the business/off-hours state changes. */
  nextChange(t: number): number {
    return Math.min(this.nextOpen(t), this.nextClose(t));
  }

  /** Whether a transfer running from `t` for `durationMs` would run into business hours it did not start in. */
  runsInto(t: number, durationMs: number): boolean {
    if (this.isBusiness(t)) return false;
    return this.nextOpen(t) < t + durationMs;
  }

  private nextAt(t: number, minutes: number): number {
    const tz = this.config.timezone;
    const today = localParts(t, tz);
    for (let k = 0; k <= 8; k++) {
      const date = new Date(Date.UTC(today.year, today.month - 1, today.day + k));
      const weekday = WEEKDAYS[date.getUTCDay()] as Weekday;
      if (!this.days.has(weekday)) continue;
      const at = localToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), minutes, tz);
      if (at > t) return at;
    }
    return Number.POSITIVE_INFINITY;
  }
}

export interface LimitsNow {
  business: boolean;
  perFiler: Record<string, number>;
  global: number;
}

/** The concurrency limits in force at `t`. */
export function limitsAt(
  config: SchedulerConfig,
  hours: BusinessHours,
  filers: string[],
  t: number,
): LimitsNow {
  const business = hours.isBusiness(t);
  const pick = (l: LimitPair) => (business ? l.business : l.offHours);
  const perFiler = Object.fromEntries(filers.map((f) => [f, pick(filerLimits(config, f))]));
  const global = config.limits.global ? pick(config.limits.global) : Number.POSITIVE_INFINITY;
  return { business, perFiler, global };
}

/** Local time as "YYYY-MM-DD HH:MM" in the configured zone, for reports. */
export function formatLocalTime(t: number, tz: string | undefined): string {
  const p = localParts(t, tz);
  const hh = String(Math.floor(p.minutes / 60)).padStart(2, '0');
  const mm = String(p.minutes % 60).padStart(2, '0');
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')} ${hh}:${mm}`;
}
