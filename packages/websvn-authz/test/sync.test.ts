// sync against a real slapd: the files it writes, svnauthz validation, unchanged runs, --dry-run,
// and every fail-closed case (wrong credentials, slapd stopped, shrink guard, svnauthz rejection).
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { acquireLock } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import type { Slapd } from '@opskit/testkit/slapd';
import { loadSite, svnauthzValidate, sync } from '@opskit/websvn-authz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editSite,
  GROUPS,
  PEOPLE,
  PYTHONDEV_MEMBERS,
  SUFFIX,
  startTestDirectory,
  writeSite,
} from './fixture.js';

let slapd: Slapd;
let tmp: TempDir;

beforeAll(async () => {
  slapd = await startTestDirectory();
  tmp = makeTempDir('websvn-authz-sync-');
});
afterAll(async () => {
  await slapd?.destroy();
  tmp?.remove();
});

describe('sync', () => {
  it('writes one authz file per parent path with the LDAP groups flattened, and svnauthz accepts them', async () => {
    const f = writeSite(tmp.join('a'), slapd.url);
    const report = await sync({ site: loadSite(f.site) });
    expect(report.files.map((x) => x.status)).toEqual(['created', 'created']);
    const python = readFileSync(f.authzPython, 'utf8');
    const java = readFileSync(f.authzJava, 'utf8');
    expect(python).toContain('pythondev = mike, robert, smith\n');
    expect(python).toContain('ops = carol, daniel\n');
    expect(python).toContain('[network:/secret]\n@pythondev =\n&dan = r\n');
    // each file holds only the groups its rules use (nested devleads flattened, admins pulls in ops)
    expect(python).not.toContain('javadev =');
    expect(java).toContain('javadev = arthur, elen, mike, sarah\n');
    expect(java).toContain('devleads = daniel, mike, robert, sarah, smith\n');
    expect(java).toContain('admins = arthur, @ops\n');
    expect(java).toContain('ops = carol, daniel\n');
    expect(java).not.toContain('pythondev =');
    expect(java).toContain('[:glob:/**/private]\n@admins = rw\n~@admins =\n');
    expect((await svnauthzValidate(f.authzPython)).ok).toBe(true);
    expect((await svnauthzValidate(f.authzJava)).ok).toBe(true);
    expect(report.warnings.join('\n')).toMatch(/cycle cyc-a -> cyc-b -> cyc-a/);
    expect(report.warnings.join('\n')).toMatch(/uid=ghost,ou=elsewhere/);
    // paged searches of 3 entries: no request per user, but several pages
    expect(report.ldap.pages).toBeGreaterThan(3);
    expect(report.ldap.requests).toBeLessThan(20);
  });

  it('writes every group into every file with groups.include: all', async () => {
    const f = writeSite(tmp.join('all'), slapd.url);
    editSite(f, 'groups:\n  map:', 'groups:\n  include: all\n  map:');
    await sync({ site: loadSite(f.site) });
    const python = readFileSync(f.authzPython, 'utf8');
    expect(python).toContain('javadev = arthur, elen, mike, sarah\n');
    expect(python).toContain('cyclic = arthur, carol\n');
    expect(python).toContain('admins = arthur, @ops\n');
  });

  it('with groups.all turns every LDAP group into an authz group, sanitising names authz cannot hold', async () => {
    const f = writeSite(tmp.join('every'), slapd.url);
    editSite(f, 'groups:\n  map:', 'groups:\n  all: true\n  include: all\n  map:');
    const report = await sync({ site: loadSite(f.site) });
    expect(report.groups.map((g) => g.name)).toEqual([
      'Night__Shift__Ops_',
      'cyc-b',
      'cyclic',
      'devleads',
      'javadev',
      'ops',
      'pythondev',
    ]);
    expect(readFileSync(f.authzJava, 'utf8')).toContain('Night__Shift__Ops_ = sarah\n');
    expect(report.ldap.searches).toBe(2);
  });

  it('leaves an unchanged file untouched and keeps the mode of a changed one', async () => {
    const f = writeSite(tmp.join('b'), slapd.url);
    await sync({ site: loadSite(f.site) });
    chmodSync(f.authzPython, 0o640);
    const before = statSync(f.authzPython);
    const again = await sync({ site: loadSite(f.site) });
    expect(again.files.map((x) => x.status)).toEqual(['unchanged', 'unchanged']);
    expect(statSync(f.authzPython).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(f.authzPython).ino).toBe(before.ino);
    writeFileSync(f.authzPython, `${readFileSync(f.authzPython, 'utf8')}# local edit\n`);
    const third = await sync({ site: loadSite(f.site) });
    expect(third.files[0]?.status).toBe('updated');
    expect(statSync(f.authzPython).mode & 0o777).toBe(0o640);
  });

  it('shows a unified diff with --dry-run and writes nothing', async () => {
    const f = writeSite(tmp.join('c'), slapd.url);
    const report = await sync({ site: loadSite(f.site), dryRun: true });
    expect(report.files.map((x) => x.status)).toEqual(['would-create', 'would-create']);
    expect(report.files[0]?.diff).toMatch(/^--- \/dev\/null\n\+\+\+ .*svn-acl-python\.conf\n@@/);
    expect(() => statSync(f.authzPython)).toThrow();
  });

  it('fails closed on wrong credentials: exit code 1 error, live files unchanged', async () => {
    const f = writeSite(tmp.join('d'), slapd.url);
    await sync({ site: loadSite(f.site) });
    const live = readFileSync(f.authzPython, 'utf8');
    writeFileSync(f.passwordFile, 'wrong-password\n', { mode: 0o600 });
    await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
      code: 'E_LDAP_BIND',
      exitCode: 1,
    });
    expect(readFileSync(f.authzPython, 'utf8')).toBe(live);
  });

  it('fails closed when a mapped group is missing from the directory', async () => {
    const f = writeSite(tmp.join('e'), slapd.url, {});
    editSite(f, '- ldap: ops', '- ldap: opsx\n      name: ops');
    await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({ code: 'E_GROUP_MISSING' });
    expect(() => statSync(f.authzPython)).toThrow();
  });

  it('fails closed when a mapped group nests deeper than ldap.maxNestingDepth, naming the group and the limit', async () => {
    // devleads holds pythondev (one level down): depth 1 is enough, depth 0 would drop its members
    const f = writeSite(tmp.join('depth'), slapd.url, { ldapLines: ['maxNestingDepth: 1'] });
    await sync({ site: loadSite(f.site) });
    const live = readFileSync(f.authzJava, 'utf8');
    expect(live).toContain('devleads = daniel, mike, robert, sarah, smith\n');
    editSite(f, 'maxNestingDepth: 1', 'maxNestingDepth: 0');
    const err = await sync({ site: loadSite(f.site) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'E_NESTING_DEPTH', exitCode: 1 });
    expect((err as Error).message).toMatch(/^group devleads \(cn=devleads,ou=groups,dc=example,dc=org\)/);
    expect((err as Error).message).toContain('ldap.maxNestingDepth (0)');
    expect((err as Error).message).toContain('devleads -> pythondev');
    expect(readFileSync(f.authzJava, 'utf8')).toBe(live);
  });

  it('never installs a file svnauthz rejects', async () => {
    const f = writeSite(tmp.join('f'), slapd.url);
    await sync({ site: loadSite(f.site) });
    const liveJava = readFileSync(f.authzJava, 'utf8');
    const livePython = readFileSync(f.authzPython, 'utf8');
    // an undefined group inside a hand-written section: only svnauthz can tell
    editSite(f, '@admins = rw', '@admins = rw\n      @nosuchgroup = r');
    await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({ code: 'E_AUTHZ_INVALID' });
    expect(readFileSync(f.authzJava, 'utf8')).toBe(liveJava);
    expect(readFileSync(f.authzPython, 'utf8')).toBe(livePython);
  });
});

describe('the shrink guard', () => {
  const modify = (ldif: string) =>
    execFileSync('ldapmodify', ['-x', '-H', slapd.url, '-D', slapd.rootDn, '-w', slapd.rootPw], {
      input: ldif,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
  const setPythondev = (members: string[]) =>
    modify(
      `dn: cn=pythondev,${GROUPS}\nchangetype: modify\nreplace: member\n${members.map((m) => `member: ${m}`).join('\n')}\n`,
    );

  it('stops when a group that had members now resolves to none, unless told to only warn', async () => {
    const f = writeSite(tmp.join('guard'), slapd.url);
    await sync({ site: loadSite(f.site) });
    const live = readFileSync(f.authzPython, 'utf8');
    setPythondev([`uid=ghost,ou=elsewhere,${SUFFIX}`]);
    try {
      await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
        code: 'E_GUARD',
        message: expect.stringMatching(/pythondev \(had 3\)/),
      });
      expect(readFileSync(f.authzPython, 'utf8')).toBe(live);
      writeFileSync(f.site, `${readFileSync(f.site, 'utf8')}guard:\n  emptiedGroup: warn\n`);
      const report = await sync({ site: loadSite(f.site) });
      expect(report.warnings.join('\n')).toMatch(/groups now without members: pythondev \(had 3\)/);
      expect(readFileSync(f.authzPython, 'utf8')).toContain('\npythondev =\n');
    } finally {
      setPythondev(PYTHONDEV_MEMBERS);
    }
  });

  it('stops when more memberships vanish than guard.maxRemovedPercent allows', async () => {
    const f = writeSite(tmp.join('guard2'), slapd.url, { extra: 'guard:\n  maxRemovedPercent: 5\n' });
    await sync({ site: loadSite(f.site) });
    setPythondev([`uid=smith,${PEOPLE}`]);
    try {
      await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
        code: 'E_GUARD',
        message: expect.stringMatching(/group memberships .* would disappear/),
      });
    } finally {
      setPythondev(PYTHONDEV_MEMBERS);
    }
  });
});

describe('sync and the cron lock', () => {
  it('stops without touching anything while another run holds the lock', async () => {
    const f = writeSite(tmp.join('locked'), slapd.url);
    const lock = acquireLock(loadSite(f.site).lockFile);
    try {
      await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({ code: 'E_LOCKED' });
      expect(() => statSync(f.authzPython)).toThrow();
    } finally {
      lock.release();
    }
    expect((await sync({ site: loadSite(f.site) })).files[0]?.status).toBe('created');
  });

  it('reads nothing anonymously: the directory in these tests only answers after the bind', async () => {
    const f = writeSite(tmp.join('anon'), slapd.url);
    editSite(f, / {2}bindDn: .*\n {2}passwordFile: .*\n/, '');
    await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
      code: 'E_LDAP',
      message: expect.stringMatching(/InsufficientAccess \(LDAP result code 50\)/),
    });
    expect(() => statSync(f.authzPython)).toThrow();
  });
});

describe('sync with slapd stopped', () => {
  it('fails closed: LDAP unreachable leaves the live files as they were', async () => {
    const f = writeSite(tmp.join('g'), slapd.url);
    await sync({ site: loadSite(f.site) });
    const live = readFileSync(f.authzPython, 'utf8');
    await slapd.stop();
    try {
      await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
        code: 'E_LDAP_CONNECT',
        exitCode: 1,
      });
      expect(readFileSync(f.authzPython, 'utf8')).toBe(live);
    } finally {
      await slapd.start();
    }
  });
});

describe('sync against a server size limit', () => {
  it('fails closed when the server cuts the result short', async () => {
    const limited = await startTestDirectory({ sizeLimit: 2 });
    try {
      const f = writeSite(tmp.join('h'), limited.url);
      await expect(sync({ site: loadSite(f.site) })).rejects.toMatchObject({
        code: 'E_LDAP_SIZELIMIT',
        exitCode: 1,
      });
      expect(() => statSync(f.authzPython)).toThrow();
    } finally {
      await limited.destroy();
    }
  });
});
