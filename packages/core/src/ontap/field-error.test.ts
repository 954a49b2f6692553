import { describe, expect, it } from 'vitest';
import { OntapFieldError } from './field-error.js';
import type { RestRelationshipRecord } from './rest.js';
import { parseRestRelationship } from './rest.js';
import { parseSevenModeStatus } from './zapi-7mode.js';
import { childNumber, passedResults, zapiElement } from './zapi-element.js';

describe('a field holding the wrong kind of value', () => {
  it('ZAPI: childNumber accepts decimal text and "-", and names the element otherwise', () => {
    const el = zapiElement('info', { a: '469', b: ' 12.5 ', c: '-', d: '1,2', e: '0x10', f: 'abc' });
    expect([childNumber(el, 'a'), childNumber(el, 'b'), childNumber(el, 'c')]).toEqual([
      469,
      12.5,
      undefined,
    ]);
    for (const name of ['d', 'e', 'f']) {
      expect(() => childNumber(el, name)).toThrow(OntapFieldError);
    }
    expect(() => childNumber(el, 'd')).toThrow('<d> holds "1,2", expected a decimal number');
  });

  it('7-Mode: the error names the relationship it was found in', () => {
    const results = passedResults({
      'snapmirror-status': {
        'snapmirror-status-info': [
          { 'destination-location': 'f7:ok', 'lag-time': 5 },
          { 'destination-location': 'f7:bad', 'lag-time': 'abc' },
        ],
      },
    });
    expect(() => parseSevenModeStatus(results)).toThrow(
      'snapmirror-status-info of f7:bad: <lag-time> holds "abc", expected a decimal number',
    );
  });

  it.each([
    [{ lag_time: 42 }, 'lag_time holds 42, expected an ISO-8601 duration string'],
    [{ lag_time: 'eight hours' }, 'lag_time holds "eight hours", expected an ISO-8601 duration'],
    [{ healthy: 'yes' }, 'healthy holds "yes", expected true or false'],
    [
      { transfer: { bytes_transferred: '12' } },
      'transfer.bytes_transferred holds "12", expected a non-negative',
    ],
    [
      { transfer: { end_time: 'yesterday' } },
      'transfer.end_time holds "yesterday", expected an ISO-8601 date-time',
    ],
    [{ source: 'svm:v' }, 'source holds "svm:v", expected a JSON object'],
    [{ unhealthy_reason: 'broken' }, 'unhealthy_reason holds "broken", expected an array'],
  ])('REST: %j is refused', (record, message) => {
    expect(() => parseRestRelationship(record as unknown as RestRelationshipRecord)).toThrow(message);
  });

  it('REST: null fields are read as absent', () => {
    const rel = parseRestRelationship({
      state: 'snapmirrored',
      lag_time: null,
    } as unknown as RestRelationshipRecord);
    expect(rel.lagSeconds).toBeUndefined();
  });
});
