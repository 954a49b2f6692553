// The record a domU writes into xenstore, and the strict parser dom0 applies to it. Guest data is
// untrusted: bounded size, a fixed line grammar, printable ASCII only; nothing in it is ever executed.
//
//   opskit-xen 1                      format name and version (first line)
//   agent 0.1.0                       agent version
//   host web01                        guest's hostname
//   time 1764040000                   guest clock, seconds (informational: dom0 never trusts it)
//   check <name> <STATUS> <value|-> <unit|-> <message...>   one line per check
//   truncated <n>                     n OK checks dropped to fit the size limit (optional)
import type { NagiosStatus } from '@opskit/core';
import type { CheckResult } from './checks/types.js';

export const RECORD_FORMAT = 'opskit-xen';
export const RECORD_VERSION = 1;
/** Fits one xenstore node (C xenstored refuses nodes of 2048 bytes or more, perms and children included). */
export const RECORD_MAX_BYTES = 1900;
const NAME_BODY = /[A-Za-z0-9_.:/@+-]{1,96}/;
const NAME = new RegExp(`^${NAME_BODY.source}$`);
const UNIT = /^[A-Za-z0-9_.:/%-]{1,16}$/;
const STATUSES = new Set(['OK', 'WARNING', 'CRITICAL', 'UNKNOWN']);
const MESSAGE_MAX = 160;

export interface AgentRecord {
  version: number;
  agent: string;
  host: string;
  time: number;
  checks: CheckResult[];
  truncated: number;
}

export class RecordError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `line ${line}: ${message}` : message);
  }
}

/** Printable ASCII only, single line, bounded. */
export function cleanText(text: string, max = MESSAGE_MAX): string {
  const t = text.replace(/[^\x20-\x7e]/g, '?').trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

export function cleanName(name: string): string {
  const n = name.replace(/[^A-Za-z0-9_.:/@+-]/g, '_').slice(0, 96);
  return n || '_';
}

function checkLine(c: CheckResult): string {
  const value = c.value === undefined || !Number.isFinite(c.value) ? '-' : String(Number(c.value.toFixed(3)));
  const unit = c.unit ? c.unit.replace(/[^A-Za-z0-9_.:/%-]/g, '_').slice(0, 16) : '-';
  return `check ${cleanName(c.name)} ${c.status} ${value} ${unit} ${cleanText(c.message) || '-'}`;
}

/** Renders a record; drops OK checks (counted in `truncated`) until it fits RECORD_MAX_BYTES. */
export function formatRecord(r: Omit<AgentRecord, 'version' | 'truncated'>): string {
  const head = [
    `${RECORD_FORMAT} ${RECORD_VERSION}`,
    `agent ${cleanName(r.agent)}`,
    `host ${cleanName(r.host)}`,
    `time ${Math.floor(r.time)}`,
  ];
  const rank: Record<NagiosStatus, number> = { CRITICAL: 0, WARNING: 1, UNKNOWN: 2, OK: 3 };
  const lines = [...r.checks].sort((a, b) => rank[a.status] - rank[b.status]).map(checkLine);
  let dropped = 0;
  const render = () => [...head, ...lines, ...(dropped ? [`truncated ${dropped}`] : [])].join('\n');
  let text = render();
  while (Buffer.byteLength(text) > RECORD_MAX_BYTES && lines.length > 0) {
    lines.pop();
    dropped++;
    text = render();
  }
  return text;
}

/** Parses a record strictly; throws RecordError naming the line and what was expected. */
/** The check name the collector uses for its findings about the record itself (stale, missing...). */
export const RESERVED_CHECK = 'record';

export function parseRecord(text: string, maxBytes = RECORD_MAX_BYTES): AgentRecord {
  if (Buffer.byteLength(text) > maxBytes)
    throw new RecordError(`record is ${Buffer.byteLength(text)} bytes, over the ${maxBytes}-byte limit`);
  if (/[^\x20-\x7e\n]/.test(text)) throw new RecordError('record holds non-printable characters');
  const lines = text.split('\n');
  const want = (i: number, key: string, re: RegExp): string => {
    const line = lines[i] ?? '';
    const m = new RegExp(`^${key} (${re.source})$`).exec(line);
    if (!m) throw new RecordError(`expected "${key} <${key === RECORD_FORMAT ? 'version' : 'name'}>"`, i + 1);
    return m[1]!;
  };
  const version = Number(want(0, RECORD_FORMAT, /\d{1,4}/));
  if (version !== RECORD_VERSION)
    throw new RecordError(
      `unsupported record version ${version} (this collector reads ${RECORD_VERSION})`,
      1,
    );
  const rec: AgentRecord = {
    version,
    agent: want(1, 'agent', NAME_BODY),
    host: want(2, 'host', NAME_BODY),
    time: Number(want(3, 'time', /\d{1,12}/)),
    checks: [],
    truncated: 0,
  };
  for (let i = 4; i < lines.length; i++) {
    const line = lines[i]!;
    const t = /^truncated (\d{1,4})$/.exec(line);
    if (t && i === lines.length - 1) {
      rec.truncated = Number(t[1]);
      continue;
    }
    const m = /^check (\S+) (\S+) (\S+) (\S+) (.+)$/.exec(line);
    if (!m) throw new RecordError('expected "check <name> <STATUS> <value> <unit> <message>"', i + 1);
    const [, name, status, value, unit, message] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!NAME.test(name)) throw new RecordError(`bad check name "${cleanText(name, 40)}"`, i + 1);
    if (name === RESERVED_CHECK)
      throw new RecordError(
        `check name "${RESERVED_CHECK}" is reserved for the collector's own findings`,
        i + 1,
      );
    if (rec.checks.some((c) => c.name === name))
      throw new RecordError(`duplicate check name "${name}" (each check once)`, i + 1);
    if (!STATUSES.has(status)) throw new RecordError(`bad status "${cleanText(status, 20)}"`, i + 1);
    if (value !== '-' && !/^-?\d{1,15}(\.\d{1,6})?$/.test(value))
      throw new RecordError(`bad value "${cleanText(value, 20)}"`, i + 1);
    if (unit !== '-' && !UNIT.test(unit)) throw new RecordError(`bad unit "${cleanText(unit, 20)}"`, i + 1);
    if (message.length > MESSAGE_MAX) throw new RecordError('message too long', i + 1);
    rec.checks.push({
      name,
      status: status as NagiosStatus,
      value: value === '-' ? undefined : Number(value),
      unit: unit === '-' ? undefined : unit,
      message,
    });
  }
  if (rec.checks.length > 100) throw new RecordError(`${rec.checks.length} checks, over the limit of 100`);
  return rec;
}
