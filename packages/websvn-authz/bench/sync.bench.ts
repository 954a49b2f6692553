// Full sync against a real slapd holding 10,000 users and 2,000 groups (every tenth one nesting two
// others), with 5,000 repositories in 5 parent paths. The directory is laid out in 5 departments
// (one per parent path) of 2,000 users and 400 groups; group members come 90% from their department.
// Prints wall time and LDAP requests beside a baseline measured in the same run: one plain paged read
// of the same users and groups with ldapts. Both groups.include modes are measured.
// Run: npx vitest run --config vitest.bench.config.ts --project websvn-authz
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { makeTempDir } from '@opskit/testkit';
import { type Slapd, startSlapd } from '@opskit/testkit/slapd';
import { loadSite, svnauthzValidate, sync } from '@opskit/websvn-authz';
import { Client } from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';

const USERS = 10_000;
const GROUPS = 2_000;
const PARENTS = 5;
const REPOS_PER_PARENT = 1_000;
const SUFFIX = 'dc=bench,dc=example';
const pad = (n: number, w: number) => String(n).padStart(w, '0');

function* random(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

function ldif(): string {
  const rnd = random(42);
  const next = () => rnd.next().value as number;
  const out: string[] = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: bench\ndc: bench\n`,
    `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
    `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n`,
  ];
  for (let i = 0; i < USERS; i++) {
    const u = `u${pad(i, 5)}`;
    out.push(`dn: uid=${u},ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: ${u}\ncn: ${u}\nsn: ${u}\n`);
  }
  for (let g = 0; g < GROUPS; g++) {
    const members = new Set<string>();
    const size = 5 + Math.floor(next() * 40);
    // Departments: group g belongs to department g / (GROUPS / PARENTS), whose 2,000 users make up
    // nine in ten of its members; one in ten comes from anywhere.
    const dept = Math.floor(g / (GROUPS / PARENTS));
    const perDept = USERS / PARENTS;
    while (members.size < size) {
      const u = next() < 0.9 ? dept * perDept + Math.floor(next() * perDept) : Math.floor(next() * USERS);
      members.add(`uid=u${pad(u, 5)},ou=people,${SUFFIX}`);
    }
    if (g % 10 === 0 && g > 0) {
      for (let k = 0; k < 2; k++)
        members.add(`cn=g${pad(Math.floor(next() * GROUPS), 4)},ou=groups,${SUFFIX}`);
    }
    out.push(
      `dn: cn=g${pad(g, 4)},ou=groups,${SUFFIX}\nobjectClass: groupOfNames\ncn: g${pad(g, 4)}\n${[...members].map((m) => `member: ${m}`).join('\n')}\n`,
    );
  }
  return out.join('\n');
}

/** Each parent path is a department with its own 400 teams; a repository grants two of them. */
function siteYaml(dir: string, url: string, include: 'referenced' | 'all'): string {
  const lines = [
    `lockFile: ${dir}/lock`,
    'ldap:',
    `  url: ${url}`,
    `  bindDn: cn=admin,${SUFFIX}`,
    '  passwordEnv: BENCH_LDAP_PW',
    '  pageSize: 1000',
    `  users: { base: 'ou=people,${SUFFIX}', filter: '(objectClass=inetOrgPerson)' }`,
    `  groups: { base: 'ou=groups,${SUFFIX}' }`,
    `groups: { all: true, include: ${include} }`,
    'parents:',
  ];
  for (let p = 0; p < PARENTS; p++) {
    lines.push(
      `  - name: p${p}`,
      `    path: ${dir}/svn/p${p}`,
      `    authzFile: ${dir}/authz-p${p}`,
      '    rules:',
    );
    for (let r = 0; r < REPOS_PER_PARENT; r++) {
      const teams = GROUPS / PARENTS;
      const g1 = p * teams + (r % teams);
      const g2 = p * teams + ((r * 7 + 3) % teams);
      lines.push(
        `      - { repository: r${pad(r, 4)}, access: { '@g${pad(g1, 4)}': rw, '@g${pad(g2, 4)}': r, '*': none } }`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

let slapd: Slapd;
const tmp = makeTempDir('websvn-authz-bench-');

beforeAll(async () => {
  const t = performance.now();
  slapd = await startSlapd({
    suffix: SUFFIX,
    ldif: ldif(),
    extraDatabaseConfig: ['limits * size=unlimited'],
  });
  console.log(
    `slapadd + start of ${USERS} users and ${GROUPS} groups: ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}, 600_000);
afterAll(async () => {
  await slapd?.destroy();
  tmp.remove();
});

async function baseline(): Promise<{ ms: number; entries: number }> {
  const t = performance.now();
  const client = new Client({ url: slapd.url });
  await client.bind(slapd.rootDn, slapd.rootPw);
  let entries = 0;
  for (const [base, attrs] of [
    [`ou=people,${SUFFIX}`, ['uid']],
    [`ou=groups,${SUFFIX}`, ['cn', 'member']],
  ] as const) {
    const r = await client.search(base, {
      filter: '(objectClass=*)',
      attributes: [...attrs],
      paged: { pageSize: 1000 },
    });
    entries += r.searchEntries.length;
  }
  await client.unbind();
  return { ms: performance.now() - t, entries };
}

/** CPU seconds used by this process and by its waited-for children (svnauthz), from /proc/self/stat. */
function cpuSeconds(): { self: number; children: number } {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  // fields 14-17 of stat(5): utime stime cutime cstime (index 11-14 after the command name)
  return { self: ((f[11] ?? 0) + (f[12] ?? 0)) / 100, children: ((f[13] ?? 0) + (f[14] ?? 0)) / 100 };
}

async function measure(include: 'referenced' | 'all', baselineMs: number): Promise<void> {
  const dir = tmp.join(include);
  mkdirSync(dir);
  const file = join(dir, 'site.yaml');
  writeFileSync(file, siteYaml(dir, slapd.url, include));
  const cpu0 = cpuSeconds();
  const t = performance.now();
  const report = await sync({ site: loadSite(file) });
  const ms = performance.now() - t;
  const cpu1 = cpuSeconds();
  const again = performance.now();
  const second = await sync({ site: loadSite(file) });
  const msUnchanged = performance.now() - again;
  const v = performance.now();
  await Promise.all(report.files.map((f) => svnauthzValidate(f.file)));
  const msValidate = performance.now() - v;
  const bytes = report.files.reduce((n, f) => n + statSync(f.file).size, 0);
  console.log(
    [
      `groups.include: ${include} (${(bytes / 1024).toFixed(0)} KiB of authz in ${PARENTS} files)`,
      `  sync, files written and validated by svnauthz: ${ms.toFixed(0)} ms = ${(ms / baselineMs).toFixed(1)} x baseline (target < 5000 ms)`,
      `  phases: LDAP read ${report.phasesMs.ldap.toFixed(0)} ms, render + svnauthz ${report.phasesMs.check.toFixed(0)} ms, install ${report.phasesMs.install.toFixed(0)} ms`,
      `  CPU: ${(cpu1.self - cpu0.self).toFixed(2)} s in node, ${(cpu1.children - cpu0.children).toFixed(2)} s in child processes (svnauthz, diff); load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`,
      `  svnauthz validate of the same ${PARENTS} files alone, in parallel: ${msValidate.toFixed(0)} ms (the floor for a sync that writes them)`,
      `  sync again, files unchanged: ${msUnchanged.toFixed(0)} ms = ${(msUnchanged / baselineMs).toFixed(1)} x baseline`,
      `  LDAP: ${report.ldap.requests} requests (${report.ldap.searches} searches, ${report.ldap.pages} pages), ${report.ldap.entries} entries; ${report.groups.length} groups, ${report.users} users`,
    ].join('\n'),
  );
  expect(report.files.map((f) => f.status)).toEqual(Array(PARENTS).fill('created'));
  expect(second.files.map((f) => f.status)).toEqual(Array(PARENTS).fill('unchanged'));
  // no request per user or per group: one bind plus the pages of two searches
  expect(report.ldap.requests).toBeLessThanOrEqual(
    1 + Math.ceil(USERS / 1000) + Math.ceil(GROUPS / 1000) + 2,
  );
}

it('full sync: 10,000 users, 2,000 groups, 5,000 repositories', async () => {
  process.env['BENCH_LDAP_PW'] = slapd.rootPw;
  const base = await baseline();
  console.log(`baseline: plain paged ldapts read of ${base.entries} entries: ${base.ms.toFixed(0)} ms`);
  await measure('all', base.ms);
  await measure('referenced', base.ms);
});
