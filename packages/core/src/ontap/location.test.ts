import { describe, expect, it } from 'vitest';
import { longLocation, normalizeLocation, parseLocation, sameLocation } from './location.js';

describe('normalizeLocation', () => {
  it.each([
    ['filer13:vol1', 'filer13:vol1'],
    ['filer13:/vol/vol1', 'filer13:vol1'],
    ['filer13:/vol/vol1/', 'filer13:vol1'],
    ['FILER13:/vol/vol1', 'filer13:vol1'],
    ['filer13:/vol/vol1/qt1', 'filer13:/vol/vol1/qt1'],
    ['  svm1:vol_dst ', 'svm1:vol_dst'],
    ['//svm1/vol_dst', 'svm1:vol_dst'],
    ['cluster1://svm1/vol_dst', 'svm1:vol_dst'],
    ['not a location', 'not a location'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeLocation(input)).toBe(expected);
  });

  it('treats the 7-Mode short and long volume forms as the same, qtrees and case of volumes as different', () => {
    expect(sameLocation('f:vol', 'f:/vol/vol')).toBe(true);
    expect(sameLocation('f:vol', 'f:/vol/vol/q')).toBe(false);
    expect(sameLocation('f:Vol', 'f:vol')).toBe(false);
  });

  it('parses the parts and gives the long form the control APIs document', () => {
    expect(parseLocation('f:/vol/v/q')).toEqual({ system: 'f', volume: 'v', qtree: 'q' });
    expect(parseLocation('f:/vol')).toBeUndefined();
    expect(parseLocation('f:/vol/a/b/c')).toBeUndefined();
    expect(parseLocation(':vol')).toBeUndefined();
    expect(longLocation('f:v')).toBe('f:/vol/v');
    expect(longLocation('f:/vol/v/q')).toBe('f:/vol/v/q');
  });
});
