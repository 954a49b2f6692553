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
    expect(r.groups.get('cn=1')?.depthCut).toEqual(['1', '2', '3']);
    expect(r.groups.get('cn=2')?.depthCut).toBeUndefined();
  });

  it('never reuses a result cut by the depth cap where the cut would go unnoticed', () => {
    // cn=2 is walked first on its own (cut below cn=3), then inside cn=0, where it is cut sooner
    const r = resolveGroups(
      [g('cn=2', ['cn=3', 'uid=b']), g('cn=3', ['cn=4']), g('cn=4', ['uid=c']), g('cn=0', ['cn=2', 'uid=a'])],
      users,
      1,
    );
    expect(r.groups.get('cn=2')).toMatchObject({ users: ['b'], depthCut: ['2', '3', '4'] });
    expect(r.groups.get('cn=0')).toMatchObject({ users: ['a', 'b'], depthCut: ['0', '2', '3'] });
  });

  it('reports members that are neither users nor groups', () => {
    const r = resolveGroups([g('cn=x', ['uid=ghost', 'uid=a'])], users, 10);
    expect(r.groups.get('cn=x')).toMatchObject({ users: ['a'], unresolved: ['uid=ghost'] });
  });
});
