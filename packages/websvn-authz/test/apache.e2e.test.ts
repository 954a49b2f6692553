// End to end: slapd with the post's groups, repositories made by svnadmin, `sync` + `websvn` +
// `apache`, then a real Apache on a loopback port answering real HTTP requests and svn commits:
// every user gets exactly the access the rules say, python/dns and java/dns apart.
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { makeTempDir, runProcess, type TempDir } from '@opskit/testkit';
import { type Apache, startApache } from '@opskit/testkit/apache';
import type { Slapd } from '@opskit/testkit/slapd';
import { apache, loadSite, sync, websvn } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRepositories,
  httpStatus,
  passwordOf,
  type SiteFiles,
  startTestDirectory,
  writeSite,
} from './fixture.js';

let slapd: Slapd;
let tmp: TempDir;
let httpd: Apache;
let f: SiteFiles;

beforeAll(async () => {
  slapd = await startTestDirectory();
  tmp = makeTempDir('websvn-authz-e2e-');
  chmodSync(tmp.path, 0o755);
  f = writeSite(tmp.path, slapd.url);
  createRepositories(f);
  const mkdir = (url: string) => execFileSync('svn', ['mkdir', '-q', '-m', 'layout', url]);
  mkdir(`file://${f.svnRoot}/python/network/secret`);
  mkdir(`file://${f.svnRoot}/java/web1/private`);
  writeFileSync(`${f.websvnDir}/index.html`, 'websvn here\n');
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'www-data:www-data', f.svnRoot]);
  const site = loadSite(f.site);
  await sync({ site });
  await websvn({ site });
  await apache({ site });
  httpd = await startApache({ include: [f.apacheOutput] });
}, 120_000);

afterAll(async () => {
  await httpd?.stop();
  await slapd?.destroy();
  tmp?.remove();
});

const get = (path: string, user?: string, password?: string) =>
  httpStatus(`${httpd.baseUrl}${path}`, user, password);

async function commit(user: string, url: string): Promise<'ok' | 'forbidden' | string> {
  const r = await runProcess(
    'svn',
    [
      'mkdir',
      '-m',
      `by ${user}`,
      '--username',
      user,
      '--password',
      passwordOf(user),
      '--non-interactive',
      '--no-auth-cache',
      '--config-dir',
      tmp.join('svn-config'),
      `${httpd.baseUrl}${url}`,
    ],
    { timeoutMs: 60_000 },
  );
  if (r.code === 0) return 'ok';
  return /E175013|403 Forbidden/.test(r.stderr) ? 'forbidden' : r.stderr;
}

describe('Apache with the generated configuration', () => {
  it('asks for credentials and refuses wrong ones (LDAP authenticates)', async () => {
    expect(await get('/python/dns/')).toBe(401);
    expect(await get('/python/dns/', 'mike', 'not-his-password')).toBe(401);
    expect(await get('/python/dns/', 'nobody-here', 'x')).toBe(401);
  });

  it.each([
    // python/dns: everyone authenticated reads, pythondev writes
    ['smith', '/python/dns/', 200],
    ['carol', '/python/dns/', 200],
    ['sarah', '/python/dns/', 200],
    // java/dns: only javadev; the same name under another parent path, other rules
    ['mike', '/java/dns/', 200],
    ['sarah', '/java/dns/', 200],
    ['elen', '/java/dns/', 200],
    ['smith', '/java/dns/', 403],
    ['robert', '/java/dns/', 403],
    ['carol', '/java/dns/', 403],
    // python/databases: mike, and the posix group ops (carol, daniel) read-only
    ['mike', '/python/databases/', 200],
    ['carol', '/python/databases/', 200],
    ['daniel', '/python/databases/', 200],
    ['smith', '/python/databases/', 403],
    // python/network: pythondev, but not below /secret, where only daniel (alias dan) reads
    ['robert', '/python/network/', 200],
    ['robert', '/python/network/secret/', 403],
    ['daniel', '/python/network/secret/', 200],
    ['daniel', '/python/network/', 403],
    // java/web1: javadev rw, devleads r (nested: pythondev members, daniel, Night, Shift (Ops))
    ['smith', '/java/web1/', 200],
    ['daniel', '/java/web1/', 200],
    ['carol', '/java/web1/', 403],
    // hand-written glob section: /private only for admins (arthur, and ops through @ops)
    ['arthur', '/java/web1/private/', 200],
    ['mike', '/java/web1/private/', 403],
    ['smith', '/java/web1/private/', 403],
    // java/web2: daniel reads
    ['daniel', '/java/web2/', 200],
    ['robert', '/java/web2/', 403],
  ] as const)('%s GET %s -> %i', async (user, path, status) => {
    expect(await get(path, user)).toBe(status);
  });

  it.each([
    ['robert', '/python/dns/by-robert', 'ok'],
    ['sarah', '/python/dns/by-sarah', 'forbidden'],
    ['robert', '/java/dns/by-robert', 'forbidden'],
    ['elen', '/java/dns/by-elen', 'ok'],
    ['mike', '/python/databases/by-mike', 'ok'],
    ['carol', '/python/databases/by-carol', 'forbidden'],
    ['daniel', '/java/web2/by-daniel', 'forbidden'],
    ['arthur', '/java/web2/by-arthur', 'ok'],
  ] as const)('%s commits to %s: %s', async (user, url, expected) => {
    expect(await commit(user, url)).toBe(expected);
  });

  it('has really committed the allowed writes and none of the refused ones', () => {
    const ls = (repo: string) =>
      execFileSync('svn', ['ls', `file://${f.svnRoot}/${repo}`], { encoding: 'utf8' });
    expect(ls('python/dns')).toBe('by-robert/\n');
    expect(ls('java/dns')).toBe('by-elen/\n');
    expect(ls('java/web2')).toBe('by-arthur/\n');
    expect(ls('python/databases')).toBe('by-mike/\n');
  });

  it('protects the WebSVN alias with the same LDAP authentication', async () => {
    expect(await get('/websvn/index.html')).toBe(401);
    expect(await get('/websvn/index.html', 'carol')).toBe(200);
    expect(await get('/websvn/index.html', 'carol', 'bad')).toBe(401);
  });

  it('lets nobody in while LDAP is down (HTTP 500 from mod_authnz_ldap, not 200)', async () => {
    await slapd.stop();
    try {
      expect(await get('/python/dns/', 'nina')).toBe(500);
    } finally {
      await slapd.start();
    }
  });
});
