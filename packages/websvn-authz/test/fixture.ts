// The test directory: the websvn post's two groups (pythondev: smith, mike, robert; javadev: mike,
// sarah, arthur, elen; mike in both) plus nested, cyclic and posix groups, and a site file that
// reproduces the post's python/java parent paths and their rules.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Slapd, type SlapdOptions, startSlapd } from '@opskit/testkit/slapd';
import { type DirectoryGroup, installPrepared, loadSite, planAuthz } from '@opskit/websvn-authz';

export const SUFFIX = 'dc=example,dc=org';
export const PEOPLE = `ou=people,${SUFFIX}`;
export const GROUPS = `ou=groups,${SUFFIX}`;
export const READER_DN = `uid=readerall,ou=special,ou=users,${SUFFIX}`;
export const READER_PW = 'readerallpw';
// nina is in no group and logs in only once, in the LDAP-down test (Apache caches LDAP answers).
export const USERS = ['smith', 'mike', 'robert', 'sarah', 'arthur', 'elen', 'daniel', 'carol', 'nina'];
export const passwordOf = (user: string) => `${user}-pw`;

function person(uid: string): string {
  return [
    `dn: uid=${uid},${PEOPLE}`,
    'objectClass: inetOrgPerson',
    `uid: ${uid}`,
    `cn: ${uid}`,
    `sn: ${uid}`,
    `userPassword: ${passwordOf(uid)}`,
    '',
  ].join('\n');
}

function group(cn: string, cls: 'groupOfNames' | 'groupOfUniqueNames', members: string[]): string {
  const attr = cls === 'groupOfNames' ? 'member' : 'uniqueMember';
  return [
    `dn: cn=${cn},${GROUPS}`,
    `objectClass: ${cls}`,
    `cn: ${cn}`,
    ...members.map((m) => `${attr}: ${m}`),
    '',
  ].join('\n');
}

const u = (uid: string) => `uid=${uid},${PEOPLE}`;
const g = (cn: string) => `cn=${cn},${GROUPS}`;

/** The post's pythondev members as loaded, with a member outside the bases. */
export const PYTHONDEV_MEMBERS = [u('smith'), u('mike'), u('robert'), `uid=ghost,ou=elsewhere,${SUFFIX}`];

/** slapd ACL: nothing readable without a bind, passwords only usable to authenticate. */
export const TEST_ACL = [
  'access to attrs=userPassword by anonymous auth by self write by * none',
  'access to * by users read by anonymous auth by * none',
];

export function testLdif(): string {
  return [
    [
      `dn: ${SUFFIX}`,
      'objectClass: dcObject',
      'objectClass: organization',
      'o: Example',
      'dc: example',
      '',
    ].join('\n'),
    [`dn: ${PEOPLE}`, 'objectClass: organizationalUnit', 'ou: people', ''].join('\n'),
    [`dn: ${GROUPS}`, 'objectClass: organizationalUnit', 'ou: groups', ''].join('\n'),
    [`dn: ou=users,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: users', ''].join('\n'),
    [`dn: ou=special,ou=users,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: special', ''].join('\n'),
    [
      `dn: ${READER_DN}`,
      'objectClass: account',
      'objectClass: simpleSecurityObject',
      'uid: readerall',
      `userPassword: ${READER_PW}`,
      '',
    ].join('\n'),
    ...USERS.map(person),
    // The post's groups; a member outside the bases, and a member DN written in another case.
    group('pythondev', 'groupOfNames', PYTHONDEV_MEMBERS),
    group('javadev', 'groupOfUniqueNames', [
      u('mike'),
      u('sarah'),
      u('arthur'),
      `UID=Elen, OU=People,DC=example,DC=org`,
    ]),
    // Nested: devleads holds pythondev (a group), daniel, and a group whose name needs escaping
    // (a comma in the RDN, parentheses in filters), referenced with other case and spacing.
    group('devleads', 'groupOfNames', [
      g('pythondev'),
      u('daniel'),
      `CN=night\\2c shift (ops), OU=groups,${SUFFIX}`,
    ]),
    [
      `dn: cn=Night\\2C Shift (Ops),${GROUPS}`,
      'objectClass: groupOfNames',
      'cn: Night, Shift (Ops)',
      `member: ${u('sarah')}`,
      '',
    ].join('\n'),
    // A cycle: cyc-a -> cyc-b -> cyc-a.
    group('cyc-a', 'groupOfNames', [g('cyc-b'), u('carol')]),
    group('cyc-b', 'groupOfNames', [g('cyc-a'), u('arthur')]),
    [
      `dn: cn=ops,${GROUPS}`,
      'objectClass: posixGroup',
      'cn: ops',
      'gidNumber: 5000',
      'memberUid: carol',
      'memberUid: daniel',
      '',
    ].join('\n'),
    '',
  ].join('\n');
}

/** A slapd serving testLdif() under TEST_ACL (options: TLS, a server size limit). */
export function startTestDirectory(options: Pick<SlapdOptions, 'tls' | 'sizeLimit'> = {}): Promise<Slapd> {
  return startSlapd({ ldif: testLdif(), extraDatabaseConfig: TEST_ACL, ...options });
}

export interface SiteFiles {
  site: string;
  passwordFile: string;
  authzPython: string;
  authzJava: string;
  websvnOutput: string;
  apacheOutput: string;
  svnRoot: string;
  websvnDir: string;
}

/** Rewrites the site file with `from` replaced by `to`; throws when `from` is not in it. */
export function editSite(f: SiteFiles, from: string | RegExp, to: string): void {
  const text = readFileSync(f.site, 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${f.site} holds no ${String(from)} to replace`);
  writeFileSync(f.site, edited);
}

/** Writes the password file and site.yaml into `dir`; returns the paths. */
export function writeSite(
  dir: string,
  ldapUrl: string,
  options: { password?: string; extra?: string; ldapLines?: string[] } = {},
): SiteFiles {
  const f: SiteFiles = {
    site: join(dir, 'site.yaml'),
    passwordFile: join(dir, 'bind.pw'),
    authzPython: join(dir, 'authz', 'svn-acl-python.conf'),
    authzJava: join(dir, 'authz', 'svn-acl-java.conf'),
    websvnOutput: join(dir, 'websvn', 'websvn-authz.php'),
    apacheOutput: join(dir, 'httpd', 'svn.conf'),
    svnRoot: join(dir, 'svn'),
    websvnDir: join(dir, 'websvn-app'),
  };
  for (const d of ['authz', 'websvn', 'httpd', 'svn/python', 'svn/java', 'websvn-app'])
    mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(f.passwordFile, `${options.password ?? READER_PW}\n`, { mode: 0o600 });
  chmodSync(f.passwordFile, 0o600);
  writeFileSync(
    f.site,
    `# websvn-authz site file for the tests (the websvn post's layout)
lockFile: ${join(dir, 'websvn-authz.lock')}
ldap:
  url: ${ldapUrl}
  bindDn: ${READER_DN}
  passwordFile: ${f.passwordFile}
  pageSize: 3
${(options.ldapLines ?? []).map((l) => `  ${l}\n`).join('')}  users:
    base: ${PEOPLE}
    filter: (objectClass=inetOrgPerson)
  groups:
    base: ${GROUPS}
groups:
  map:
    - ldap: pythondev
    - ldap: cn=javadev,${GROUPS}
    - ldap: devleads
    - ldap: ops
    - ldap: cyc-a
      name: cyclic
  static:
    admins: [arthur, '@ops']
aliases:
  dan: daniel
parents:
  - name: python
    path: ${f.svnRoot}/python
    authzFile: ${f.authzPython}
    rules:
      - repository: dns
        access: { '*': r, '@pythondev': rw }
      - repository: databases
        access: { mike: rw, '@ops': r }
      - repository: network
        access: { '@pythondev': rw }
      - repository: network
        path: /secret
        access: { '@pythondev': none, '&dan': r }
  - name: java
    path: ${f.svnRoot}/java
    authzFile: ${f.authzJava}
    rules:
      - repository: web1
        access: { '@javadev': rw, '@devleads': r }
      - repository: web2
        access: { daniel: r, '@javadev': rw }
      - repository: dns
        access: { '@javadev': rw }
    verbatim: |
      [:glob:/**/private]
      @admins = rw
      ~@admins =
websvn:
  output: ${f.websvnOutput}
apache:
  output: ${f.apacheOutput}
  authName: Subversion control
  websvn:
    location: /websvn
    directory: ${f.websvnDir}
${options.extra ?? ''}`,
  );
  return f;
}

/** The groups of testLdif() as the directory resolves them, for tests that plan without slapd. */
export const RESOLVED_GROUPS: DirectoryGroup[] = [
  { name: 'pythondev', dn: `cn=pythondev,${GROUPS}`, users: ['mike', 'robert', 'smith'] },
  { name: 'javadev', dn: `cn=javadev,${GROUPS}`, users: ['arthur', 'elen', 'mike', 'sarah'] },
  { name: 'devleads', dn: `cn=devleads,${GROUPS}`, users: ['daniel', 'mike', 'robert', 'smith'] },
  { name: 'ops', dn: `cn=ops,${GROUPS}`, users: ['carol', 'daniel'] },
  { name: 'cyclic', dn: `cn=cyc-a,${GROUPS}`, users: ['arthur', 'carol'] },
];

/** The repositories of the post's layout, as <parent>/<repository> under svnRoot. */
export const POST_REPOSITORIES = [
  'python/dns',
  'python/databases',
  'python/network',
  'java/web1',
  'java/web2',
  'java/dns',
];

/** Makes each repository (<parent>/<repository>) under the site's svnRoot with svnadmin. */
export function createRepositories(f: SiteFiles, repositories: string[] = POST_REPOSITORIES): void {
  for (const r of repositories) execFileSync('svnadmin', ['create', `${f.svnRoot}/${r}`]);
}

/**
 * The site of writeSite() in `dir` with an unreachable LDAP URL, its repositories made by svnadmin
 * and its access files installed from RESOLVED_GROUPS.
 */
export async function installSiteWithoutLdap(dir: string): Promise<SiteFiles> {
  const f = writeSite(dir, 'ldap://127.0.0.1:9');
  createRepositories(f);
  const { prepared } = await planAuthz(loadSite(f.site), RESOLVED_GROUPS);
  await installPrepared(prepared, false);
  return f;
}

/** GETs `url`, as `user` when given (with their test password unless another is given); the status. */
export async function httpStatus(url: string, user?: string, password?: string): Promise<number> {
  const headers: Record<string, string> = {};
  if (user)
    headers['Authorization'] =
      `Basic ${Buffer.from(`${user}:${password ?? passwordOf(user)}`).toString('base64')}`;
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return res.status;
}
