import { describe, expect, it } from 'vitest';
import { firstRdnValue, isUnder, normalizeDn } from './dn.js';

describe('normalizeDn', () => {
  it.each([
    [
      'cn=Smith\\2C John (Ops),ou=groups,dc=example,dc=org',
      'CN=smith\\, john (Ops), OU=Groups,DC=Example,DC=org',
    ],
    ['uid=elen,ou=people,dc=example,dc=org', 'UID=Elen, OU=People,DC=example,DC=org'],
    ['cn=a+uid=b,dc=x', 'uid=B+cn=A,dc=x'],
    ['cn=J\\C3\\BCrgen,dc=x', 'cn=Jürgen,dc=x'],
  ])('treats %s and %s as the same entry', (a, b) => {
    expect(normalizeDn(a)).toBe(normalizeDn(b));
  });

  it('keeps different entries apart', () => {
    expect(normalizeDn('cn=a\\,b,dc=x')).not.toBe(normalizeDn('cn=a,b=,dc=x'));
    expect(normalizeDn('uid=mike,ou=people,dc=x')).not.toBe(normalizeDn('uid=mike,ou=other,dc=x'));
  });

  it('keeps escaped separators inside a value once normalised', () => {
    const n = normalizeDn('CN=Smith\\2C John (Ops),OU=Groups,DC=example');
    expect(n).toBe('cn=smith\\, john (ops),ou=groups,dc=example');
    expect(firstRdnValue(n)).toBe('smith, john (ops)');
    expect(normalizeDn('cn=a\\,b,dc=x')).not.toBe(normalizeDn('cn=a,b=c,dc=x'));
  });

  it('gives the first RDN value and tells whether a DN is under a base', () => {
    expect(firstRdnValue('cn=Smith\\, John,ou=groups')).toBe('Smith, John');
    expect(isUnder(normalizeDn('cn=x,OU=Groups,dc=example'), normalizeDn('ou=groups,dc=example'))).toBe(true);
    expect(isUnder(normalizeDn('cn=x,ou=people,dc=example'), normalizeDn('ou=groups,dc=example'))).toBe(
      false,
    );
  });
});
