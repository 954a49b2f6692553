// Nagios / Monitoring Plugins conventions: threshold ranges, perfdata and the status line.
import { NagiosCode, type NagiosStatus } from './errors.js';

export interface NagiosRange {
  start: number;
  end: number;
  /** '@' prefix: alert when inside the range instead of outside. */
  inside: boolean;
  text: string;
}

/** Parses the plugin range syntax: `10`, `10:`, `~:10`, `10:20`, `@10:20`. */
export function parseRange(text: string): NagiosRange {
  const raw = text.trim();
  const inside = raw.startsWith('@');
  const body = inside ? raw.slice(1) : raw;
  const [a, b] = body.includes(':') ? (body.split(':', 2) as [string, string]) : ['0', body];
  const num = (s: string, dflt: number) => {
    if (s === '') return dflt;
    if (s === '~') return Number.NEGATIVE_INFINITY;
    const n = Number(s);
    if (!/^-?\d+(\.\d+)?$/.test(s) || !Number.isFinite(n))
      throw new Error(`invalid threshold range "${text}"`);
    return n;
  };
  const start = num(a, 0);
  const end = num(b, Number.POSITIVE_INFINITY);
  if (start > end) throw new Error(`invalid threshold range "${text}": start is above end`);
  return { start, end, inside, text: raw };
}

/** True when `value` should raise an alert for this range. */
export function rangeAlerts(range: NagiosRange, value: number): boolean {
  const within = value >= range.start && value <= range.end;
  return range.inside ? within : !within;
}

/** The status of a value against optional warning and critical ranges. */
export function thresholdStatus(
  value: number,
  warn?: NagiosRange | string,
  crit?: NagiosRange | string,
): NagiosStatus {
  const w = typeof warn === 'string' ? parseRange(warn) : warn;
  const c = typeof crit === 'string' ? parseRange(crit) : crit;
  if (c && rangeAlerts(c, value)) return 'CRITICAL';
  if (w && rangeAlerts(w, value)) return 'WARNING';
  return 'OK';
}

export interface PerfDatum {
  label: string;
  value: number;
  uom?: '' | 's' | 'ms' | 'us' | '%' | 'B' | 'KB' | 'MB' | 'GB' | 'TB' | 'c';
  warn?: string | undefined;
  crit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
}

const fmtNum = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '' : String(Number(n.toFixed(6)));

export function formatPerfDatum(p: PerfDatum): string {
  const label = /[\s='"]/.test(p.label) ? `'${p.label.replace(/'/g, "''")}'` : p.label;
  const fields = [
    `${fmtNum(p.value)}${p.uom ?? ''}`,
    p.warn ?? '',
    p.crit ?? '',
    fmtNum(p.min),
    fmtNum(p.max),
  ];
  while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  return `${label}=${fields.join(';')}`;
}

/** Worst of several statuses (CRITICAL > WARNING > UNKNOWN > OK, as monitoring plugins rank them). */
export function worstStatus(statuses: Iterable<NagiosStatus>): NagiosStatus {
  const rank: Record<NagiosStatus, number> = { OK: 0, UNKNOWN: 1, WARNING: 2, CRITICAL: 3 };
  let worst: NagiosStatus = 'OK';
  for (const s of statuses) if (rank[s] > rank[worst]) worst = s;
  return worst;
}

export interface NagiosOutput {
  service: string;
  status: NagiosStatus;
  summary: string;
  perfdata?: PerfDatum[];
  /** Long text lines after the status line. */
  details?: string[];
}

/** `SERVICE STATUS: summary | perfdata` then the long text; returns the text and the exit code. */
export function formatNagios(out: NagiosOutput): { text: string; exitCode: number } {
  const perf = (out.perfdata ?? []).map(formatPerfDatum).join(' ');
  const summary = out.summary.replace(/[|\n]/g, ' ');
  const first = `${out.service.toUpperCase()} ${out.status}: ${summary}${perf ? ` | ${perf}` : ''}`;
  const details = (out.details ?? []).map((l) => l.replace(/\|/g, '/'));
  return { text: [first, ...details].join('\n') + '\n', exitCode: NagiosCode[out.status] };
}
