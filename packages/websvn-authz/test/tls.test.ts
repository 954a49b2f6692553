// LDAP over TLS: StartTLS and ldaps:// against slapd with a throwaway CA, for sync and for Apache;
// a certificate that cannot be verified stops the run like an unreachable server.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, statSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { type Apache, startApache } from '@opskit/testkit/apache';
import type { Slapd } from '@opskit/testkit/slapd';
import { apache, loadSite, sync } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, httpStatus, startTestDirectory, writeSite } from './fixture.js';

let slapd: Slapd;
let tmp: TempDir;
let httpd: Apache | undefined;

beforeAll(async () => {
  slapd = await startTestDirectory({ tls: true });
  tmp = makeTempDir('websvn-authz-tls-');
  chmodSync(tmp.path, 0o755);
}, 120_000);
afterAll(async () => {
  await httpd?.stop();
  await slapd?.destroy();
  tmp?.remove();
});

describe('LDAP over TLS', () => {
  it('syncs over StartTLS, verifying the server against caFile', async () => {
    const f = writeSite(tmp.join('starttls'), slapd.url, {
      ldapLines: ['startTls: true', `caFile: ${slapd.caFile}`],
    });
    const report = await sync({ site: loadSite(f.site) });
    expect(report.files.map((x) => x.status)).toEqual(['created', 'created']);
    expect(readFileSync(f.authzPython, 'utf8')).toContain('pythondev = mike, robert, smith');
  });

  it('syncs over ldaps://', async () => {
    const f = writeSite(tmp.join('ldaps'), slapd.ldapsUrl!, { ldapLines: [`caFile: ${slapd.caFile}`] });
    const report = await sync({ site: loadSite(f.site) });
    expect(report.files.map((x) => x.status)).toEqual(['created', 'created']);
  });

  it('fails closed when the certificate cannot be verified', async () => {
    const f = writeSite(tmp.join('untrusted'), slapd.url, { ldapLines: ['startTls: true'] });
    await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
      code: 'E_LDAP_CONNECT',
      message: expect.stringMatching(/certificate/),
    });
    expect(() => statSync(f.authzPython)).toThrow();
  });

  it('Apache authenticates over StartTLS with the generated configuration', async () => {
    // Apache's workers (www-data) load the CA file themselves when they first start TLS
    const ca = tmp.join('ca.pem');
    copyFileSync(slapd.caFile!, ca);
    chmodSync(ca, 0o644);
    const f = writeSite(tmp.join('apache'), slapd.url, { ldapLines: ['startTls: true', `caFile: ${ca}`] });
    createRepositories(f, ['python/dns', 'java/dns']);
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'www-data:www-data', f.svnRoot]);
    const site = loadSite(f.site);
    await sync({ site });
    await apache({ site });
    expect(readFileSync(f.apacheOutput, 'utf8')).toMatch(/AuthLDAPURL ".*" STARTTLS/);
    httpd = await startApache({ include: [f.apacheOutput] });
    const get = (path: string, user: string, password?: string) =>
      httpStatus(`${httpd!.baseUrl}${path}`, user, password);
    const first = await get('/python/dns/', 'carol');
    if (first !== 200) console.log(httpd.errorLog());
    expect(first).toBe(200);
    expect(await get('/java/dns/', 'carol')).toBe(403);
    expect(await get('/java/dns/', 'sarah')).toBe(200);
    expect(await get('/java/dns/', 'sarah', 'wrong')).toBe(401);
  });
});
