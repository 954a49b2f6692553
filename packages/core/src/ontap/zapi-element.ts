// The ZAPI element tree: built from plain objects or nested elements, serialised into the versioned
// <netapp> envelope, and read back with child/text accessors (the NaElement routines, typed).
import { OntapFieldError, showValue } from './field-error.js';

export interface ZapiElement {
  name: string;
  attrs: Record<string, string>;
  /** Text content; empty for elements that only hold children. */
  text: string;
  children: ZapiElement[];
}

/** What a value under a key may be: a scalar (text), an element (nested under the key), a list or an object. */
export type ZapiValue =
  | string
  | number
  | bigint
  | boolean
  | ZapiElement
  | ZapiInput
  | readonly ZapiValue[]
  | null
  | undefined;
export interface ZapiInput {
  [name: string]: ZapiValue;
}

export function isZapiElement(value: unknown): value is ZapiElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ZapiElement).name === 'string' &&
    Array.isArray((value as ZapiElement).children) &&
    typeof (value as ZapiElement).attrs === 'object'
  );
}

/**
 * Builds an element. A scalar value becomes text; an object's keys become children. Under a key, an
 * element is nested inside a wrapper named after the key (the case the 2010 Perl SDK could not express),
 * an array gives repeated siblings named after the key, and null/undefined is left out.
 */
export function zapiElement(
  name: string,
  value?: ZapiValue,
  attrs: Record<string, string> = {},
): ZapiElement {
  const el: ZapiElement = { name, attrs, text: '', children: [] };
  if (value === undefined || value === null) return el;
  if (isZapiElement(value)) {
    el.children.push(value);
  } else if (Array.isArray(value)) {
    // a list as an element's own value: its elements become the children (an array output)
    for (const item of value) {
      if (!isZapiElement(item)) throw new TypeError(`<${name}>: a list value must hold elements`);
      el.children.push(item);
    }
  } else if (typeof value === 'object') {
    appendChildren(el, value as ZapiInput);
  } else {
    el.text = String(value);
  }
  return el;
}

function appendChildren(el: ZapiElement, input: ZapiInput): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        el.children.push(
          isZapiElement(item) && item.name === key ? item : zapiElement(key, item as ZapiValue),
        );
      }
    } else {
      el.children.push(zapiElement(key, value as ZapiValue));
    }
  }
}

/** First child with that name (NaElement child_get). */
export function child(el: ZapiElement | undefined, name: string): ZapiElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}

/** Text of the first child with that name, or undefined when absent (child_get_string). */
export function childText(el: ZapiElement | undefined, name: string): string | undefined {
  return child(el, name)?.text;
}

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * Numeric value of a child (ZAPI integers are decimal text), or undefined when absent, empty or "-";
 * throws OntapFieldError naming the element on anything else ("abc", "1,2", "0x10").
 */
export function childNumber(el: ZapiElement | undefined, name: string): number | undefined {
  const text = childText(el, name)?.trim();
  if (text === undefined || text === '' || text === '-') return undefined;
  if (!DECIMAL.test(text)) throw new OntapFieldError(`<${name}>`, showValue(text), 'a decimal number');
  return Number(text);
}

export function childBoolean(el: ZapiElement | undefined, name: string): boolean | undefined {
  const text = childText(el, name)?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  return text === 'true';
}

/** The children of the first child named `wrapper` (an array output); empty when absent. */
export function childList(el: ZapiElement | undefined, wrapper: string): ZapiElement[] {
  return child(el, wrapper)?.children ?? [];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '"': '&quot;',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>'"]/g, (c) => ESCAPES[c]!);
}

/** Serialises an element (no XML declaration). */
export function serializeElement(el: ZapiElement): string {
  const parts: string[] = [];
  write(el, parts);
  return parts.join('');
}

function write(el: ZapiElement, out: string[]): void {
  out.push('<', el.name);
  for (const [k, v] of Object.entries(el.attrs)) out.push(' ', k, '="', escapeXml(v), '"');
  if (el.children.length === 0 && el.text === '') {
    out.push('/>');
    return;
  }
  out.push('>');
  if (el.text !== '') out.push(escapeXml(el.text));
  for (const c of el.children) write(c, out);
  out.push('</', el.name, '>');
}

export const ZAPI_XMLNS = 'http://www.netapp.com/filer/admin';
export const ZAPI_PATH = '/servlets/netapp.servlets.admin.XMLrequest_filer';

export interface EnvelopeOptions {
  /** Requested ONTAPI version, "major.minor". */
  version: string;
  /** vFiler (7-Mode) or Vserver (clustered) tunnelling. */
  vfiler?: string | undefined;
  /** Extra attributes, e.g. nmsdk_app. */
  attrs?: Record<string, string>;
}

/** The request envelope: exactly one API element inside <netapp version=... xmlns=...>. */
export function buildZapiRequest(api: ZapiElement, options: EnvelopeOptions): string {
  const attrs: Record<string, string> = { version: options.version, xmlns: ZAPI_XMLNS };
  if (options.vfiler) attrs['vfiler'] = options.vfiler;
  Object.assign(attrs, options.attrs ?? {});
  const root: ZapiElement = { name: 'netapp', attrs, text: '', children: [api] };
  return `<?xml version='1.0' encoding='utf-8' ?>\n<!DOCTYPE netapp SYSTEM 'file:/etc/netapp_filer.dtd'>\n${serializeElement(root)}`;
}

/** The response envelope around a <results> element. */
export function buildZapiResponse(results: ZapiElement, version = '1.21'): string {
  const root: ZapiElement = {
    name: 'netapp',
    attrs: { version, xmlns: ZAPI_XMLNS },
    text: '',
    children: [results],
  };
  return `<?xml version='1.0' encoding='UTF-8' ?>\n${serializeElement(root)}`;
}

/** <results status="passed">...outputs...</results> */
export function passedResults(outputs: ZapiInput = {}): ZapiElement {
  return zapiElement('results', outputs, { status: 'passed' });
}

export function failedResults(errno: number, reason: string): ZapiElement {
  return zapiElement('results', undefined, { status: 'failed', errno: String(errno), reason });
}
