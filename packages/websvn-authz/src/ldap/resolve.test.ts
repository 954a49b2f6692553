import { describe, expect, it } from 'vitest';
import { type RawGroup, resolveGroups } from './resolve.js';

const users = new Map([
  ['uid=a', 'a'],
  ['uid=b', 'b'],
  ['uid=c', 'c'],
]);
const g = (key: string, memberDns: string[], memberUids: string[] = []): RawGroup => ({
  dn: key,
  key,
  name: key.slice(3),
  memberDns,
  memberUids,
});

describe('resolveGroups', () => {
  it('flattens nested groups and posix memberUid', () => {
    const r = resolveGroups(
      [g('cn=top', ['cn=mid', 'uid=a']), g('cn=mid', ['cn=leaf']), g('cn=leaf', [], ['z'])],
      users,
      10,
    );
    expect(r.groups.get('cn=top')?.users).toEqual(['a', 'z']);
    expect(r.warnings).toEqual([]);
  });

  it('cuts a cycle, reports it, and still counts every member once', () => {
    const r = resolveGroups([g('cn=x', ['cn=y', 'uid=a']), g('cn=y', ['cn=x', 'uid=b'])], users, 10);
    expect(r.groups.get('cn=x')?.users).toEqual(['a', 'b']);
    expect(r.groups.get('cn=y')?.users).toEqual(['a', 'b']);
    expect(r.warnings.join()).toMatch(/cycle x -> y -> x/);
  });

  it('stops at the depth cap and says so', () => {
    const r = resolveGroups([g('cn=1', ['cn=2']), g('cn=2', ['cn=3']), g('cn=3', ['uid=c'])], users, 1);
    expect(r.groups.get('cn=1')?.users).toEqual([]);
    expect(r.warnings.join()).toMatch(/deeper than 1 levels/);
  });

  it('reports members that are neither users nor groups', () => {
    const r = resolveGroups([g('cn=x', ['uid=ghost', 'uid=a'])], users, 10);
    expect(r.groups.get('cn=x')).toMatchObject({ users: ['a'], unresolved: ['uid=ghost'] });
  });
});
