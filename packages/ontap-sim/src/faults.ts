// Per-filer fault rules, consumed request by request. Some act before the filer processes the call
// (connection reset, HTTP 5xx, slow answer, wrong credentials), some on the answer it produced
// (malformed body, a repeated paging tag, a field of the wrong kind, the connection reset after the
// call ran: the answer is lost). Reboots are
// model events: see SimModel.reboot.
import { escapeXml } from '@opskit/core';
import type { FaultKind, ScenarioFault } from './scenario.js';

export type RequestFaultKind = Exclude<FaultKind, 'reboot'>;

export interface FaultRule {
  kind: RequestFaultKind;
  /** Requests still affected; Infinity = every request. */
  remaining: number;
  status: number;
  delayMs: number;
  api: string | undefined;
  /** Simulated instant from which the rule applies. */
  activeFrom: number;
  /** bad-field: the field and the value put there (undefined: the default for the dialect). */
  field: string | undefined;
  value: string | number | boolean | null | undefined;
}

/** Faults that act on the answer the filer produced: the call is processed first. */
const AFTER_PROCESSING = new Set<RequestFaultKind>(['repeat-tag', 'bad-field', 'reset-after']);

export function actsAfterProcessing(kind: RequestFaultKind): boolean {
  return AFTER_PROCESSING.has(kind);
}

export function faultRule(fault: Omit<ScenarioFault, 'filer'>, activeFrom: number): FaultRule {
  if (fault.kind === 'reboot') throw new Error('a reboot is not a request fault');
  return {
    kind: fault.kind,
    remaining: fault.count === 0 ? Infinity : (fault.count ?? 1),
    status: fault.status ?? 503,
    delayMs: fault.delayMs ?? 5000,
    api: fault.api,
    activeFrom,
    field: fault.field,
    value: fault.value,
  };
}

/**
 * Takes the first rule that applies to this request now and that `eligible` accepts, using up one of
 * its requests.
 */
export function takeFault(
  rules: FaultRule[],
  now: number,
  api: string,
  eligible: (rule: FaultRule) => boolean = () => true,
): FaultRule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.activeFrom > now) continue;
    if (rule.api && !(api === rule.api || api.startsWith(rule.api))) continue;
    if (!eligible(rule)) continue;
    rule.remaining--;
    if (rule.remaining <= 0) rules.splice(i, 1);
    return rule;
  }
  return undefined;
}

/** Cuts a document in the middle of its content, the way a dropped proxy connection leaves it. */
export function truncate(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

/** What a filer received and answered, for the faults that rewrite an answer. */
export interface Exchange {
  zapi: boolean;
  url: string;
  /** Request body. */
  body: string;
  /** Answer body. */
  answer: string;
}

const ZAPI_TAG = /<tag>([^<]*)<\/tag>/;
const ZAPI_NEXT_TAG = /<next-tag>[^<]*<\/next-tag>/;

/**
 * repeat-tag: a stuck paging cursor. The page asked for comes back with the tag of the request as its
 * next tag (ZAPI next-tag, REST _links.next.href), so a client that follows it asks for the same page
 * forever. Applies to the second and later pages only (they carry a tag); undefined when it does not.
 */
export function repeatTag(x: Exchange): string | undefined {
  if (x.zapi) {
    const tag = ZAPI_TAG.exec(x.body)?.[1];
    if (!tag || !ZAPI_NEXT_TAG.test(x.answer)) return undefined;
    return x.answer.replace(ZAPI_NEXT_TAG, `<next-tag>${tag}</next-tag>`);
  }
  if (!x.url.includes('start.uuid=')) return undefined;
  const doc = parseObject(x.answer);
  const links = doc?.['_links'] as { next?: { href?: string } } | undefined;
  if (!doc || !links?.next) return undefined;
  links.next = { href: x.url };
  return JSON.stringify(doc);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * bad-field: a well-formed answer with one field holding a value of the wrong kind. ZAPI: the text
 * of every element named `field` (default lag-time) becomes `value` (default "abc"). REST: the dotted
 * `field` (default lag_time) of every record (or of the answer itself) becomes `value`, by default a
 * value of another JSON type. Undefined when the answer has no such field.
 */
export function badField(x: Exchange, field: string | undefined, value: unknown): string | undefined {
  if (x.zapi) {
    const name = field ?? 'lag-time';
    const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const element = new RegExp(`<${quoted}>[^<]*</${quoted}>`, 'g');
    if (!x.answer.match(element)) return undefined;
    const text = escapeXml(String(value ?? 'abc'));
    return x.answer.replace(element, `<${name}>${text}</${name}>`);
  }
  const doc = parseObject(x.answer);
  if (!doc) return undefined;
  const path = (field ?? 'lag_time').split('.');
  const records = Array.isArray(doc['records']) ? (doc['records'] as unknown[]) : [doc];
  let changed = false;
  for (const record of records) {
    let holder: unknown = record;
    for (const p of path.slice(0, -1))
      holder = holder && typeof holder === 'object' ? (holder as Record<string, unknown>)[p] : undefined;
    const last = path[path.length - 1]!;
    if (!holder || typeof holder !== 'object' || !(last in holder)) continue;
    const obj = holder as Record<string, unknown>;
    obj[last] = value === undefined ? otherType(obj[last]) : value;
    changed = true;
  }
  return changed ? JSON.stringify(doc) : undefined;
}

/** A JSON value of another type than `v`: a string for a number, a number for a string, and so on. */
function otherType(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number') return 'abc';
  if (typeof v === 'boolean') return 'yes';
  return 'abc';
}
