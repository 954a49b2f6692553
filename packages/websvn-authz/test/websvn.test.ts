// The WebSVN fragment, checked with `php -l` and loaded by a stub of WebSVN's config object
// (test/websvn-stub.php; WebSVN is not packaged in Debian 12): python/dns and java/dns both appear,
// both open, each with its own access file, and svnauthz answers per parent path as WebSVN asks.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, runProcess, type TempDir } from '@opskit/testkit';
import { loadSite, phpLint, renderWebsvnConfig, svnauthzAccessOf, websvn } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSiteWithoutLdap, type SiteFiles } from './fixture.js';

const STUB = join(dirname(fileURLToPath(import.meta.url)), 'websvn-stub.php');

interface StubResult {
  global: string;
  repositories: { display: string; svnName: string; path: string; accessFile: string }[];
}

let tmp: TempDir;
let f: SiteFiles;

async function loadInStub(fragment: string): Promise<{ code: number | null; out: string }> {
  const r = await runProcess('php', [STUB, fragment]);
  return { code: r.code, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  tmp = makeTempDir('websvn-authz-websvn-');
  f = await installSiteWithoutLdap(tmp.path);
});
afterAll(() => tmp?.remove());

describe('websvn', () => {
  it('writes a fragment php -l accepts and a deny-all global access file svnauthz accepts', async () => {
    const report = await websvn({ site: loadSite(f.site) });
    expect(report.files.map((x) => x.status)).toEqual(['created', 'created']);
    const lint = execFileSync('php', ['-l', f.websvnOutput], { encoding: 'utf8' });
    expect(lint).toMatch(/No syntax errors/);
    const denyAll = report.files[0]!.file;
    expect(await svnauthzAccessOf(denyAll, { repository: 'dns', path: '/', user: 'mike' })).toBe('no');
    expect((await websvn({ site: loadSite(f.site) })).files.map((x) => x.status)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('shows python/dns and java/dns as two repositories, each opening with its own access file', async () => {
    await websvn({ site: loadSite(f.site) });
    const r = await loadInStub(f.websvnOutput);
    expect(r.code).toBe(0);
    const stub = JSON.parse(r.out) as StubResult;
    const byName = Object.fromEntries(stub.repositories.map((x) => [x.display, x]));
    expect(Object.keys(byName).sort()).toEqual([
      'java.dns',
      'java.web1',
      'java.web2',
      'python.databases',
      'python.dns',
      'python.network',
    ]);
    expect(byName['python.dns']?.path).toBe(`file://${f.svnRoot}/python/dns`);
    expect(byName['java.dns']?.path).toBe(`file://${f.svnRoot}/java/dns`);
    expect(byName['python.dns']?.accessFile).toBe(f.authzPython);
    expect(byName['java.dns']?.accessFile).toBe(f.authzJava);
    // What WebSVN then asks svnauthz (svnName = basename, no --groups-file): per parent path answers.
    const ask = (repo: string, user: string) => {
      const x = byName[repo]!;
      return svnauthzAccessOf(x.accessFile, { repository: x.svnName, path: '/', user });
    };
    expect(await ask('python.dns', 'robert')).toBe('rw');
    expect(await ask('java.dns', 'robert')).toBe('no');
    expect(await ask('java.dns', 'sarah')).toBe('rw');
    expect(await ask('python.dns', 'sarah')).toBe('r');
  });

  it('hides a repository created after the fragment was written (global deny-all file)', async () => {
    await websvn({ site: loadSite(f.site) });
    execFileSync('svnadmin', ['create', `${f.svnRoot}/python/newrepo`]);
    try {
      const stub = JSON.parse((await loadInStub(f.websvnOutput)).out) as StubResult;
      const fresh = stub.repositories.find((x) => x.display === 'python.newrepo')!;
      expect(fresh.accessFile).toBe(stub.global);
      expect(
        await svnauthzAccessOf(fresh.accessFile, { repository: 'newrepo', path: '/', user: 'mike' }),
      ).toBe('no');
      // the next run ties it to its parent's access file
      await websvn({ site: loadSite(f.site) });
      const again = JSON.parse((await loadInStub(f.websvnOutput)).out) as StubResult;
      expect(again.repositories.find((x) => x.display === 'python.newrepo')?.accessFile).toBe(f.authzPython);
    } finally {
      execFileSync('rm', ['-rf', `${f.svnRoot}/python/newrepo`]);
    }
  });

  it('keeps WebSVN alive when a repository is removed before the next run', async () => {
    execFileSync('svnadmin', ['create', `${f.svnRoot}/java/doomed`]);
    await websvn({ site: loadSite(f.site) });
    expect(readFileSync(f.websvnOutput, 'utf8')).toContain("'java.doomed'");
    execFileSync('rm', ['-rf', `${f.svnRoot}/java/doomed`]);
    const r = await loadInStub(f.websvnOutput);
    expect(r.code).toBe(0);
    const stub = JSON.parse(r.out) as StubResult;
    expect(stub.repositories.map((x) => x.display)).not.toContain('java.doomed');
    await websvn({ site: loadSite(f.site) });
    expect(readFileSync(f.websvnOutput, 'utf8')).not.toContain("'java.doomed'");
  });

  it('the stub is faithful: an unguarded useAccessFile on a repository not on disk is fatal, as in WebSVN', async () => {
    const broken = tmp.join('broken.php');
    writeFileSync(
      broken,
      `<?php\n$config->parentPath('${f.svnRoot}/python', 'python');\n$config->useAccessFile('${f.authzPython}', 'python.gone');\n`,
    );
    const r = await loadInStub(broken);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/Call to a member function useAccessFile\(\) on string/);
    // the generated fragment guards the same call
    const guarded = tmp.join('guarded.php');
    writeFileSync(
      guarded,
      renderWebsvnConfig({
        siteFile: f.site,
        denyAllFile: f.authzPython,
        parents: [
          {
            name: 'python',
            path: `${f.svnRoot}/python`,
            authzFile: f.authzPython,
            repositories: ['gone'],
            restrict: false,
          },
        ],
      }),
    );
    expect((await loadInStub(guarded)).code).toBe(0);
  });

  it('php -l rejects a broken fragment, and such a file is never installed', async () => {
    const bad = tmp.join('bad.php');
    writeFileSync(bad, "<?php\n$config->parentPath('/x', 'y'\n");
    await expect(phpLint(bad)).rejects.toMatchObject({ code: 'E_PHP_INVALID' });
    expect(readFileSync(f.websvnOutput, 'utf8')).toMatch(/^<\?php/);
  });
});
