// The bin as a user runs it (built dist/cli.js): help, sync/audit output, exit codes 0/1/2.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { builtBin, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import type { Slapd } from '@opskit/testkit/slapd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, READER_PW, type SiteFiles, startTestDirectory, writeSite } from './fixture.js';

let slapd: Slapd;
let tmp: TempDir;
let f: SiteFiles;
const bin = () => builtBin('websvn-authz', 'cli.js');

beforeAll(async () => {
  slapd = await startTestDirectory();
  tmp = makeTempDir('websvn-authz-cli-');
  f = writeSite(tmp.path, slapd.url);
  createRepositories(f, ['python/dns', 'java/dns']);
});
afterAll(async () => {
  await slapd?.destroy();
  tmp?.remove();
});

describe('websvn-authz CLI', () => {
  it('has help for the tool and every command', async () => {
    const top = await runNode(bin(), ['--help']);
    expect(top.code).toBe(0);
    for (const c of ['sync', 'websvn', 'apache', 'audit']) expect(top.stdout).toContain(c);
    const sync = await runNode(bin(), ['sync', '--help']);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('--dry-run');
    expect(sync.stdout).toContain('--site');
  });

  it('sync --dry-run prints the unified diff and writes nothing; sync --json reports the files', async () => {
    const dry = await runNode(bin(), ['sync', '--site', f.site, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\+pythondev = mike, robert, smith/);
    expect(dry.stdout).toMatch(/would-create/);
    const run = await runNode(bin(), ['sync', '--site', f.site, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { status: string }[]; ldap: { requests: number } };
    expect(report.files.map((x) => x.status)).toEqual(['created', 'created']);
    expect(readFileSync(f.authzJava, 'utf8')).toContain('javadev = arthur, elen, mike, sarah');
  });

  it('audit prints CSV', async () => {
    await runNode(bin(), ['sync', '--site', f.site]);
    const r = await runNode(bin(), ['audit', '--site', f.site, '--csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('parent,repository,path,user,access\n');
    expect(r.stdout).toContain('java,dns,/,robert,no\n');
    expect(r.stdout).toContain('python,dns,/,robert,rw\n');
  });

  it('exits 2 naming file:line and field for a bad site file', async () => {
    const bad = tmp.join('bad.yaml');
    writeFileSync(bad, readFileSync(f.site, 'utf8').replace('pageSize: 3', 'pageSize: many'));
    const r = await runNode(bin(), ['sync', '--site', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: ldap\.pageSize: expected integer/);
  });

  it('check validates the site file alone; schema prints the published schema', async () => {
    const ok = await runNode(bin(), ['check', '--site', f.site]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok \(2 parent paths, 7 rules\)/);
    const schema = await runNode(bin(), ['schema']);
    expect(JSON.parse(schema.stdout)).toEqual(
      JSON.parse(readFileSync(new URL('../schema/site.schema.json', import.meta.url), 'utf8')),
    );
  });

  it('exits 2 without a site file', async () => {
    const r = await runNode(bin(), ['sync']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no site file/);
  });

  it('exits 1 on wrong credentials, never printing the password', async () => {
    const g = writeSite(tmp.join('wrong'), slapd.url, { password: 'Secret-Wrong-42' });
    const r = await runNode(bin(), ['sync', '--site', g.site, '--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid credentials/);
    expect(`${r.stdout}${r.stderr}`).not.toContain('Secret-Wrong-42');
    expect(`${r.stdout}${r.stderr}`).not.toContain(READER_PW);
  });

  it('apache refuses to install an unchecked configuration when apache2 is missing, unless --no-check', async () => {
    const missing = { OPSKIT_APACHE2: tmp.join('no-such-apache2') };
    const r = await runNode(bin(), ['apache', '--site', f.site], { env: missing });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`apache2 not found: ${tmp.join('no-such-apache2')} (OPSKIT_APACHE2)`);
    expect(r.stderr).toMatch(/--no-check/);
    expect(existsSync(f.apacheOutput)).toBe(false);
    const help = await runNode(bin(), ['apache', '--help']);
    expect(help.stdout).toContain('--no-check');
    const unchecked = await runNode(bin(), ['apache', '--site', f.site, '--no-check'], { env: missing });
    expect(unchecked.code).toBe(0);
    expect(unchecked.stderr).toMatch(/not checked with apache2 -t \(--no-check\)/);
    expect(readFileSync(f.apacheOutput, 'utf8')).toContain('AuthLDAPRemoteUserAttribute uid');
    // with apache2 found, the check runs and passes
    const checked = await runNode(bin(), ['apache', '--site', f.site, '--json']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ files: [{ status: 'unchanged' }], warnings: [] });
  });
});
