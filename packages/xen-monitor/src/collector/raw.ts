// The raw report: stable, one line per finding, for other programs (and the snmpd extend).
//
//   # opskit-xen-raw 1 host=<dom0> time=<unix seconds> status=<STATUS> domains=<n> problems=<k>
//   <STATUS> <domain> <uuid|-> <check> <value|-> <message...>
//
// Fields are single-space separated; every field but the message is free of spaces. dom0's own checks use
// the domain name "Domain-0". OK lines are only present with `all`.
import type { NagiosStatus } from '@opskit/core';
import type { CheckResult } from '../checks/types.js';
import { cleanName, cleanText } from '../record.js';
import type { CollectorReport } from './run.js';

export const RAW_FORMAT = 'opskit-xen-raw';

export interface RawLine {
  status: NagiosStatus;
  domain: string;
  uuid?: string | undefined;
  check: string;
  value?: number | undefined;
  message: string;
}

export interface RawReport {
  version: number;
  host: string;
  time: number;
  status: NagiosStatus;
  domains: number;
  problems: number;
  lines: RawLine[];
}

const fmtValue = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '-' : String(Number(v.toFixed(3)));

export function rawLines(report: CollectorReport, all = false): RawLine[] {
  const out: RawLine[] = [];
  const add = (domain: string, uuid: string | undefined, c: CheckResult) => {
    if (all || c.status !== 'OK')
      out.push({ status: c.status, domain, uuid, check: c.name, value: c.value, message: c.message });
  };
  for (const c of report.dom0) add('Domain-0', undefined, c);
  for (const d of report.domains) for (const c of d.checks) add(d.name, d.uuid, c);
  return out;
}

export function formatRawLine(l: RawLine): string {
  return [
    l.status,
    cleanName(l.domain),
    l.uuid ? cleanName(l.uuid) : '-',
    cleanName(l.check),
    fmtValue(l.value),
    cleanText(l.message, 400) || '-',
  ].join(' ');
}

export function renderRaw(report: CollectorReport, all = false): string {
  const lines = rawLines(report, all);
  const problems = rawLines(report).length;
  const head = `# ${RAW_FORMAT} 1 host=${cleanName(report.host)} time=${Math.floor(report.time / 1000)} status=${report.status} domains=${report.domains.length} problems=${problems}`;
  return `${[head, ...lines.map(formatRawLine)].join('\n')}\n`;
}

const STATUSES = new Set(['OK', 'WARNING', 'CRITICAL', 'UNKNOWN']);

/** Parses raw output (e.g. read over SNMP); throws with the line number on anything unexpected. */
export function parseRaw(text: string): RawReport {
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.length > 0);
  const head =
    /^# opskit-xen-raw (\d+) host=(\S+) time=(\d+) status=(OK|WARNING|CRITICAL|UNKNOWN) domains=(\d+) problems=(\d+)$/.exec(
      lines[0] ?? '',
    );
  if (!head)
    throw new Error(
      `line 1: expected "# ${RAW_FORMAT} 1 host=... time=... status=... domains=... problems=...", got "${cleanText(lines[0] ?? '', 60)}"`,
    );
  if (head[1] !== '1') throw new Error(`line 1: unsupported raw format version ${head[1]}`);
  const out: RawReport = {
    version: 1,
    host: head[2]!,
    time: Number(head[3]),
    status: head[4] as NagiosStatus,
    domains: Number(head[5]),
    problems: Number(head[6]),
    lines: [],
  };
  lines.slice(1).forEach((line, i) => {
    const m = /^(\S+) (\S+) (\S+) (\S+) (\S+) (.*)$/.exec(line);
    if (!m || !STATUSES.has(m[1]!) || !(m[5] === '-' || /^-?[\d.]+$/.test(m[5]!)))
      throw new Error(
        `line ${i + 2}: expected "<STATUS> <domain> <uuid> <check> <value> <message>", got "${cleanText(line, 60)}"`,
      );
    out.lines.push({
      status: m[1] as NagiosStatus,
      domain: m[2]!,
      uuid: m[3] === '-' ? undefined : m[3],
      check: m[4]!,
      value: m[5] === '-' ? undefined : Number(m[5]),
      message: m[6]!,
    });
  });
  return out;
}
