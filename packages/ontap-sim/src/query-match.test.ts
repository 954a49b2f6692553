import { describe, expect, it } from 'vitest';
import { matchesWildcards } from './query-match.js';

describe('matchesWildcards', () => {
  it.each([
    ['svm1:vol1', 'svm1:vol1', true],
    ['SVM1:Vol1', 'svm1:vol1', true],
    ['svm1:vol1', 'svm1:*', true],
    ['svm1:vol1', '*:vol2|*:vol1', true],
    ['svm1:vol1', 'svm2:*', false],
    ['svm1:vol1', 'svm1:vol', false],
    ['svm1.vol1', 'svm1?vol1', false],
    [undefined, '', true],
    [undefined, '*', true],
    [42, '4*', true],
  ])('%s against %s is %s', (value, pattern, expected) => {
    expect(matchesWildcards(value, pattern)).toBe(expected);
  });
});
