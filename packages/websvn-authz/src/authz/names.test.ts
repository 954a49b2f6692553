import { describe, expect, it } from 'vitest';
import { formatEntry, parseEntry, pathProblem, sanitizeGroupName, userNameProblem } from './names.js';

describe('authz names', () => {
  it.each([
    '*',
    '$anonymous',
    '~$authenticated',
    '@devs',
    '~@devs',
    '&boss',
    'mike',
    '~mike',
    'DOM\\bob',
    'Jürgen',
  ])('round-trips %s', (e) => {
    expect(formatEntry(parseEntry(e))).toBe(e);
  });

  it.each([
    ['~*', /never matches/],
    ['~~x', /double/],
    ['$foo', /only \$anonymous/],
    ['a,b', /, = :/],
    ['x:y', /, = :/],
  ])('rejects %s', (e, why) => {
    expect(() => parseEntry(e)).toThrow(why);
  });

  it('knows which user names authz cannot hold', () => {
    expect(userNameProblem('smith')).toBeUndefined();
    expect(userNameProblem('Smith, John')).toMatch(/,/);
    expect(userNameProblem(' x')).toMatch(/white space/);
    expect(userNameProblem('@x')).toMatch(/leading/);
  });

  it('sanitises LDAP group names and checks section paths', () => {
    expect(sanitizeGroupName('Domain Users')).toBe('Domain_Users');
    expect(sanitizeGroupName('@ops')).toBe('_ops');
    expect(pathProblem('/trunk/', false)).toMatch(/end with/);
    expect(pathProblem('trunk', false)).toMatch(/start with/);
    expect(pathProblem('/', false)).toBeUndefined();
    expect(pathProblem('/**/*.doc', true)).toBeUndefined();
  });
});
