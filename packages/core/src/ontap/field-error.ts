// A value the filer sent in a well-formed answer that is not what the field holds (text where a
// number belongs, a JSON number where a duration string belongs). Parsers throw it without knowing
// the peer; the clients turn it into an OntapProtocolError naming the filer, the call and the record.
import { OntapProtocolError } from './errors.js';

export class OntapFieldError extends Error {
  constructor(
    /** The field as the wire names it: `<lag-time>` (ZAPI) or `lag_time` (REST). */
    readonly field: string,
    /** The value found, as shown in the message (quoted text or JSON). */
    readonly found: string,
    /** What the field should hold. */
    readonly expected: string,
    /** Which record it was in, e.g. `snapmirror-status-info of filer13:vol1`. */
    readonly record?: string | undefined,
  ) {
    super(`${record ? `${record}: ` : ''}${field} holds ${found}, expected ${expected}`);
    this.name = 'OntapFieldError';
  }

  /** The same error, naming the record it was found in. */
  inRecord(record: string): OntapFieldError {
    return new OntapFieldError(this.field, this.found, this.expected, record);
  }
}

/** Runs a record parser; a field error names the record (its label is computed only on failure). */
export function parseRecord<T>(label: () => string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof OntapFieldError && !err.record) throw err.inRecord(label());
    throw err;
  }
}

/** Quotes a wire value for a message, cut to a readable length. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

/** Reads an answer of `request`; a field holding the wrong kind of value is an OntapProtocolError. */
export function readAnswer<T>(peer: string, request: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof OntapFieldError)) throw err;
    throw new OntapProtocolError(peer, `${request}: ${err.message}`, { cause: err });
  }
}
