// readDirectory against a scripted session that answers like Active Directory (MaxValRange ranged
// `member;range=LOW-HIGH` values; AD cannot run here). The OpenLDAP paths are covered by test/ with slapd.
import type { Entry } from 'ldapts';
import { describe, expect, it } from 'vitest';
import type { Site } from '../site.js';
import type { LdapSession } from './client.js';
import { readDirectory } from './directory.js';

const BASE = 'dc=ad,dc=example';
const users = Array.from({ length: 8 }, (_, i) => `user${i}`);
const userDn = (u: string) => `CN=${u},OU=People,${BASE}`;
const MAX_VAL_RANGE = 3;

/** AD answers a large multi-valued attribute in slices: `member;range=0-2`, ..., `member;range=6-*`. */
function rangeSlice(all: string[], low: number): Record<string, string[]> {
  const high = low + MAX_VAL_RANGE - 1;
  const last = high >= all.length - 1;
  return { [`member;range=${low}-${last ? '*' : high}`]: all.slice(low, high + 1) };
}

/** How a follow-up range read answers: as AD does, or cut short (entry gone, no range key, a gap). */
type RangeAnswer = 'ad' | 'vanished' | 'no-range-key' | 'gap';

function adSession(filters: string[], breakAt?: { low: number; answer: RangeAnswer }): LdapSession {
  const stats = { requests: 0, searches: 0, pages: 0, entries: 0 };
  const groupDn = `CN=Big (Team),OU=Groups,${BASE}`;
  const members = users.map(userDn);
  return {
    stats,
    async searchAll(base, filter) {
      filters.push(filter);
      stats.requests++;
      if (base.startsWith('OU=People'))
        return users.map((u) => ({ dn: userDn(u), sAMAccountName: u }) as Entry);
      return [{ dn: groupDn, cn: 'Big (Team)', member: [], ...rangeSlice(members, 0) } as unknown as Entry];
    },
    async read(dn, attributes) {
      stats.requests++;
      const m = /^member;range=(\d+)-/.exec(attributes[0] ?? '');
      if (dn !== groupDn || !m) return undefined;
      const low = Number(m[1]);
      if (breakAt?.low === low) {
        if (breakAt.answer === 'vanished') return undefined; // client.read turns noSuchObject (32) into this
        if (breakAt.answer === 'no-range-key') return { dn, cn: 'Big (Team)' } as unknown as Entry;
        if (breakAt.answer === 'gap') return { dn, ...rangeSlice(members, low + 1) } as unknown as Entry;
      }
      return { dn, ...rangeSlice(members, low) } as unknown as Entry;
    },
    async close() {},
  };
}

const site = {
  file: '/x/site.yaml',
  groups: { all: false, map: [{ ldap: 'Big (Team)', name: 'big' }], static: {} },
  ldap: {
    url: 'ldap://ad',
    usernameCase: 'lower',
    maxNestingDepth: 10,
    rangeStep: MAX_VAL_RANGE,
    users: {
      base: `OU=People,${BASE}`,
      filter: '(objectClass=user)',
      loginAttribute: 'sAMAccountName',
      scope: 'sub',
    },
    groups: { base: `OU=Groups,${BASE}`, filter: '(objectClass=group)', nameAttribute: 'cn', scope: 'sub' },
  },
} as unknown as Site;

describe('readDirectory with Active Directory range retrieval', () => {
  it('follows member;range=... slices until the last one and escapes filter values', async () => {
    const filters: string[] = [];
    const session = adSession(filters);
    const result = await readDirectory(site, session);
    expect(result.groups).toEqual([{ name: 'big', dn: `CN=Big (Team),OU=Groups,${BASE}`, users }]);
    // users search, group search, then the ranges 3-5 and 6-*
    expect(session.stats.requests).toBe(4);
    expect(filters[1]).toBe('(&(objectClass=group)(|(cn=Big \\28Team\\29)))');
  });

  it.each([
    ['the group vanished (read answers nothing)', 'vanished'],
    ['the answer holds no member;range key', 'no-range-key'],
    ['the answer skips values (range starts past the one asked for)', 'gap'],
  ] as const)('fails closed when a follow-up range read stops early: %s', async (_what, answer) => {
    const session = adSession([], { low: 3, answer });
    const err = await readDirectory(site, session).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'E_LDAP_RANGE' });
    expect((err as Error).message).toContain(`CN=Big (Team),OU=Groups,${BASE}`);
    expect((err as Error).message).toContain('member;range=3-5');
  });
});
