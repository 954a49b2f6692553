// sync: read the groups from LDAP, render one authz file per parent path, check each with the real
// svnauthz, guard against sudden shrinkage, then install them all (or show the diff with --dry-run).
// Any failure before the install step leaves every live file as it was.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type Logger, OpskitError, silentLogger, withLock } from '@opskit/core';
import { parseAuthz } from '../authz/parse.js';
import { renderAuthz } from '../authz/render.js';
import { compareGroups, enforceGuard, type GuardFinding } from '../guard.js';
import {
  type InstallOutcome,
  installPrepared,
  type PreparedFile,
  prepareFile,
  readLive,
} from '../install.js';
import { bindPassword, type LdapStats, openLdap } from '../ldap/client.js';
import { type DirectoryGroup, readDirectory } from '../ldap/directory.js';
import { discoverRepositories } from '../repos.js';
import type { Site } from '../site.js';
import { svnauthzValidate } from '../svnauthz.js';

export interface SyncOptions {
  site: Site;
  dryRun?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
}

export interface SyncReport {
  files: InstallOutcome[];
  groups: { name: string; dn: string; members: number }[];
  users: number;
  ldap: LdapStats;
  warnings: string[];
  durationMs: number;
  /** Wall time of each phase: reading LDAP, rendering and checking (svnauthz), installing. */
  phasesMs: { ldap: number; check: number; install: number };
}

/** Checker for authz candidates: svnauthz must accept them, or nothing is installed. */
export function authzChecker(target: string) {
  return async (candidate: string): Promise<string[]> => {
    const v = await svnauthzValidate(candidate);
    if (!v.ok) {
      throw new OpskitError(
        'E_AUTHZ_INVALID',
        `svnauthz rejected the generated ${target}: ${v.messages.join('; ').replaceAll(candidate, target)}`,
        {
          hint: 'the live file was left as it was; fix the site file (rules or verbatim sections)',
        },
      );
    }
    return v.messages.map((m) => `${target}: ${m.replaceAll(candidate, target)}`);
  };
}

function repositoryWarnings(site: Site): string[] {
  const warnings: string[] = [];
  for (const p of site.parents) {
    if (!existsSync(p.path)) {
      warnings.push(`parent path ${p.path} (${p.name}) does not exist yet`);
      continue;
    }
    const onDisk = new Set(discoverRepositories(p.path));
    const named = new Set([
      ...(p.repositories ?? []),
      ...p.rules.flatMap((r) => (r.repository ? [r.repository] : [])),
    ]);
    for (const r of named)
      if (!onDisk.has(r)) warnings.push(`${p.name}: repository ${r} is not on disk under ${p.path}`);
  }
  return warnings;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Renders and checks every authz file; returns them ready to install, plus the guard's findings.
 * svnauthz runs for several files at once (its parse time grows with rules x group members).
 */
export async function planAuthz(
  site: Site,
  groups: DirectoryGroup[],
): Promise<{ prepared: PreparedFile[]; findings: GuardFinding[] }> {
  const findings: GuardFinding[] = [];
  const rendered = site.parents.map((parent) => {
    const text = renderAuthz(site, parent, groups);
    const live = readLive(parent.authzFile);
    if (live !== undefined) findings.push(compareGroups(parent.authzFile, parseAuthz(live).groups, groups));
    return { parent, text };
  });
  const prepared = await mapLimit(rendered, availableParallelism(), ({ parent, text }) =>
    prepareFile(parent.authzFile, text, authzChecker(parent.authzFile)),
  );
  return { prepared, findings };
}

export async function sync(options: SyncOptions): Promise<SyncReport> {
  const { site } = options;
  const log = options.log ?? silentLogger;
  const started = performance.now();
  const run = async (): Promise<SyncReport> => {
    const t0 = performance.now();
    const password = await bindPassword(site.ldap, options.env ?? process.env);
    const session = await openLdap(site.ldap, password);
    let dir: Awaited<ReturnType<typeof readDirectory>>;
    try {
      dir = await readDirectory(site, session);
    } finally {
      await session.close();
    }
    log.info('directory read', {
      groups: dir.groups.length,
      users: dir.userCount,
      requests: session.stats.requests,
    });
    const t1 = performance.now();
    const { prepared, findings } = await planAuthz(site, dir.groups);
    const t2 = performance.now();
    const warnings = [...dir.warnings, ...repositoryWarnings(site), ...enforceGuard(site, findings)];
    const files = await installPrepared(prepared, options.dryRun ?? false);
    const t3 = performance.now();
    for (const f of files) warnings.push(...f.warnings);
    return {
      files,
      groups: dir.groups.map((g) => ({ name: g.name, dn: g.dn, members: g.users.length })),
      users: dir.userCount,
      ldap: session.stats,
      warnings,
      durationMs: performance.now() - started,
      phasesMs: { ldap: t1 - t0, check: t2 - t1, install: t3 - t2 },
    };
  };
  return options.dryRun ? run() : withLock(site.lockFile, run);
}
