// audit on the post's layout: who reads and who writes each repository, cross-checked with svnauthz.
import { execFileSync } from 'node:child_process';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { audit, type DirectoryGroup, installPrepared, loadSite, planAuthz } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteFiles, writeSite } from './fixture.js';

const GROUPS: DirectoryGroup[] = [
  { name: 'pythondev', dn: 'cn=pythondev,ou=groups,dc=example,dc=org', users: ['mike', 'robert', 'smith'] },
  {
    name: 'javadev',
    dn: 'cn=javadev,ou=groups,dc=example,dc=org',
    users: ['arthur', 'elen', 'mike', 'sarah'],
  },
  {
    name: 'devleads',
    dn: 'cn=devleads,ou=groups,dc=example,dc=org',
    users: ['daniel', 'mike', 'robert', 'smith'],
  },
  { name: 'ops', dn: 'cn=ops,ou=groups,dc=example,dc=org', users: ['carol', 'daniel'] },
  { name: 'cyclic', dn: 'cn=cyc-a,ou=groups,dc=example,dc=org', users: ['arthur', 'carol'] },
];

let tmp: TempDir;
let f: SiteFiles;

beforeAll(async () => {
  tmp = makeTempDir('websvn-authz-audit-');
  f = writeSite(tmp.path, 'ldap://127.0.0.1:9');
  for (const r of [
    'python/dns',
    'python/databases',
    'python/network',
    'java/web1',
    'java/web2',
    'java/dns',
  ]) {
    execFileSync('svnadmin', ['create', `${f.svnRoot}/${r}`]);
  }
  await installPrepared((await planAuthz(loadSite(f.site), GROUPS)).prepared, false);
});
afterAll(() => tmp?.remove());

describe('audit', () => {
  it('lists writers and readers per repository, python/dns apart from java/dns, with no svnauthz mismatch', async () => {
    const report = await audit({ site: loadSite(f.site) });
    expect(report.mismatches).toEqual([]);
    expect(report.checked).toBe(report.entries.length);
    const row = (parent: string, repo: string) =>
      report.repositories.find((r) => r.parent === parent && r.repository === repo)!;
    expect(row('python', 'dns')).toMatchObject({
      writers: ['mike', 'robert', 'smith'],
      otherAuthenticated: 'r',
      anonymous: 'r',
    });
    // users the python file does not name fall under "other users" (* = r)
    expect(row('python', 'dns').readers).toEqual(['carol', 'daniel']);
    expect(row('java', 'dns')).toMatchObject({
      writers: ['arthur', 'elen', 'mike', 'sarah'],
      readers: [],
      otherAuthenticated: 'no',
    });
    expect(row('java', 'web2')).toMatchObject({ readers: ['daniel'] });
    expect(row('python', 'databases')).toMatchObject({ writers: ['mike'], readers: ['carol', 'daniel'] });
  });

  it('asks svnauthz at most crossCheckMax answers, spread over all of them', async () => {
    const report = await audit({ site: loadSite(f.site), crossCheckMax: 7 });
    expect(report.checked).toBe(7);
    expect(report.entries.length).toBeGreaterThan(50);
    expect(report.mismatches).toEqual([]);
  });

  it('answers for a chosen path and repository', async () => {
    const report = await audit({
      site: loadSite(f.site),
      parent: 'python',
      repository: 'network',
      path: '/secret',
    });
    expect(report.mismatches).toEqual([]);
    expect(report.repositories).toEqual([
      {
        parent: 'python',
        repository: 'network',
        path: '/secret',
        readers: ['daniel'],
        writers: [],
        anonymous: 'no',
        otherAuthenticated: 'no',
      },
    ]);
  });
});
