// audit on the post's layout: who reads and who writes each repository, cross-checked with svnauthz.
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { audit, loadSite } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSiteWithoutLdap, type SiteFiles } from './fixture.js';

let tmp: TempDir;
let f: SiteFiles;

beforeAll(async () => {
  tmp = makeTempDir('websvn-authz-audit-');
  f = await installSiteWithoutLdap(tmp.path);
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
