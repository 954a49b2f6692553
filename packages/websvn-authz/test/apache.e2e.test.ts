// End to end: slapd with the post's groups, repositories made by svnadmin, `sync` + `websvn` +
// `apache`, then a real Apache on a loopback port answering real HTTP requests and svn commits:
// every user gets exactly the access the rules say, python/dns and java/dns apart.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { makeTempDir, runProcess, type TempDir } from '@opskit/testkit';
import { type Apache, SVN_LDAP_MODULES, startApache } from '@opskit/testkit/apache';
import type { Slapd } from '@opskit/testkit/slapd';
import { apache, loadSite, sync, websvn } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRepositories,
  editSite,
  httpStatus,
  POST_REPOSITORIES,
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
  // python/tools: denies by user, @group, ~user and ~@group below a path every login reads, for
  // the logins typed in another case (LDAP matches them case-insensitively, authz does not).
  editSite(
    f,
    "      - repository: dns\n        access: { '*': r, '@pythondev': rw }\n",
    `      - repository: dns
        access: { '*': r, '@pythondev': rw }
      - repository: tools
        access: { '$authenticated': r }
      - repository: tools
        path: /secret
        access: { '@pythondev': none, carol: none, '@javadev': rw }
      - repository: tools
        path: /staff
        access: { '*': none, '~@ops': r }
      - repository: tools
        path: /others
        access: { '*': none, '~daniel': r }
`,
  );
  createRepositories(f, [...POST_REPOSITORIES, 'python/tools']);
  const mkdir = (url: string) => execFileSync('svn', ['mkdir', '-q', '-m', 'layout', url]);
  mkdir(`file://${f.svnRoot}/python/network/secret`);
  mkdir(`file://${f.svnRoot}/java/web1/private`);
  for (const d of ['secret', 'staff', 'others']) mkdir(`file://${f.svnRoot}/python/tools/${d}`);
  writeFileSync(`${f.websvnDir}/index.html`, 'websvn here\n');
  // What WebSVN is told the user is: REMOTE_USER, shown by a CGI script under the WebSVN alias.
  mkdirSync(`${f.websvnDir}/cgi`);
  writeFileSync(
    `${f.websvnDir}/cgi/whoami`,
    '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\n%s" "$REMOTE_USER"\n',
  );
  chmodSync(`${f.websvnDir}/cgi/whoami`, 0o755);
  const cgiConf = tmp.join('cgi.conf');
  writeFileSync(
    cgiConf,
    `<Directory "${f.websvnDir}/cgi">\n  Options +ExecCGI\n  SetHandler cgi-script\n</Directory>\n`,
  );
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'www-data:www-data', f.svnRoot]);
  const site = loadSite(f.site);
  await sync({ site });
  await websvn({ site });
  await apache({ site });
  httpd = await startApache({
    include: [f.apacheOutput, cgiConf],
    modules: [...SVN_LDAP_MODULES, 'cgid'],
  });
}, 120_000);

afterAll(async () => {
  await httpd?.stop();
  await slapd?.destroy();
  tmp?.remove();
});

const get = (path: string, user?: string, password?: string) =>
  httpStatus(`${httpd.baseUrl}${path}`, user, password);

async function commit(
  user: string,
  url: string,
  password = passwordOf(user),
): Promise<'ok' | 'forbidden' | string> {
  const r = await runProcess(
    'svn',
    [
      'mkdir',
      '-m',
      `by ${user}`,
      '--username',
      user,
      '--password',
      password,
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

  // LDAP finds `uid=SMITH` as smith; the name Apache passes on must be the directory's own value,
  // or rules naming smith (or his groups) would not apply to him when he types SMITH.
  it.each([
    // typed in another case: the same access as the directory's spelling, grants and denies alike
    ['smith', '/python/tools/', 200],
    ['SMITH', '/python/tools/', 200],
    ['smith', '/python/tools/secret/', 403],
    ['SMITH', '/python/tools/secret/', 403],
    ['Smith', '/python/tools/secret/', 403],
    ['carol', '/python/tools/secret/', 403],
    ['CAROL', '/python/tools/secret/', 403],
    ['arthur', '/python/tools/secret/', 200],
    ['ARTHUR', '/python/tools/secret/', 200],
    // ~@ops: carol is in ops whatever she types
    ['carol', '/python/tools/staff/', 403],
    ['CaRoL', '/python/tools/staff/', 403],
    ['smith', '/python/tools/staff/', 200],
    // ~daniel
    ['daniel', '/python/tools/others/', 403],
    ['DANIEL', '/python/tools/others/', 403],
    ['Daniel', '/python/tools/others/', 403],
    ['smith', '/python/tools/others/', 200],
    // and what a group grants reaches the member typed in another case too
    ['MIKE', '/java/dns/', 200],
    ['Sarah', '/java/dns/', 200],
    ['ROBERT', '/java/dns/', 403],
  ] as const)('%s (password of the directory login) GET %s -> %i', async (user, path, status) => {
    expect(await get(path, user, passwordOf(user.toLowerCase()))).toBe(status);
  });

  it('commits as the directory login whatever case was typed (403 stays 403)', async () => {
    // elen writes /secret through @javadev; typed ELEN, she is still elen in the commit log
    expect(await commit('ELEN', '/python/tools/secret/by-elen', passwordOf('elen'))).toBe('ok');
    const log = execFileSync('svn', ['log', '-q', '-l', '1', `file://${f.svnRoot}/python/tools`], {
      encoding: 'utf8',
    });
    expect(log).toMatch(/^r\d+ \| elen \|/m);
    expect(await commit('SMITH', '/python/tools/secret/by-smith', passwordOf('smith'))).toBe('forbidden');
  });

  it('tells WebSVN the directory login (REMOTE_USER), not the case typed', async () => {
    const res = await fetch(`${httpd.baseUrl}/websvn/cgi/whoami`, {
      headers: { Authorization: `Basic ${Buffer.from(`MiKe:${passwordOf('mike')}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('mike');
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
