// Type checks of a REST relationship record before it is read: a field of the wrong JSON type (a
// number where a duration string belongs, a string where a byte count belongs) is an OntapFieldError
// naming the field and what it should hold. Absent and null fields are left to the reader.
import { OntapFieldError, showValue } from './field-error.js';
import { parseIsoDuration } from './iso-duration.js';

type Expect = 'string' | 'boolean' | 'count' | 'duration' | 'time' | 'object';

const EXPECTED: Record<Expect, string> = {
  string: 'a string',
  boolean: 'true or false',
  count: 'a non-negative JSON number',
  duration: 'an ISO-8601 duration string such as "PT8H35M42S"',
  time: 'an ISO-8601 date-time string',
  object: 'a JSON object',
};

/** The fields the client reads, with what each must hold. */
const FIELDS: ReadonlyArray<readonly [string, Expect]> = [
  ['uuid', 'string'],
  ['source', 'object'],
  ['source.path', 'string'],
  ['destination', 'object'],
  ['destination.path', 'string'],
  ['state', 'string'],
  ['healthy', 'boolean'],
  ['lag_time', 'duration'],
  ['throttle', 'count'],
  ['last_transfer_type', 'string'],
  ['transfer', 'object'],
  ['transfer.uuid', 'string'],
  ['transfer.state', 'string'],
  ['transfer.bytes_transferred', 'count'],
  ['transfer.end_time', 'time'],
  ['transfer.total_duration', 'duration'],
];

function fits(value: unknown, expect: Expect): boolean {
  switch (expect) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'duration':
      return typeof value === 'string' && parseIsoDuration(value) !== undefined;
    case 'time':
      return typeof value === 'string' && Number.isFinite(Date.parse(value));
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function at(record: Record<string, unknown>, path: string): unknown {
  let v: unknown = record;
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** Throws OntapFieldError for the first field of the wrong type; `record` must be a JSON object. */
export function checkRestRelationshipRecord(record: unknown): void {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new OntapFieldError('the record', showValue(record), EXPECTED.object);
  }
  const rec = record as Record<string, unknown>;
  for (const [path, expect] of FIELDS) {
    const value = at(rec, path);
    if (value === undefined || value === null) continue;
    if (!fits(value, expect)) throw new OntapFieldError(path, showValue(value), EXPECTED[expect]);
  }
  const reasons = rec['unhealthy_reason'];
  if (reasons === undefined || reasons === null) return;
  if (!Array.isArray(reasons)) {
    throw new OntapFieldError('unhealthy_reason', showValue(reasons), 'an array of {message, code}');
  }
  reasons.forEach((r, i) => {
    const message = (r as { message?: unknown } | null)?.message;
    if (typeof r !== 'object' || r === null || (message !== undefined && typeof message !== 'string')) {
      throw new OntapFieldError(`unhealthy_reason[${i}]`, showValue(r), 'an object with a string message');
    }
  });
}
