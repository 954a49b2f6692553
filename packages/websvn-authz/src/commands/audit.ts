// audit: who can read and who can write each repository (at a chosen path), computed from the live
// authz files and cross-checked with the real `svnauthz accessof`; any disagreement is reported.
import { existsSync } from 'node:fs';
import { ConfigError, OpskitError } from '@opskit/core';
import { type Decision, evaluateAccess, usersNamed } from '../authz/evaluate.js';
import { parseAuthz } from '../authz/parse.js';
import { readLive } from '../install.js';
import { discoverRepositories } from '../repos.js';
import type { Site } from '../site.js';
import { svnauthzAccessOf } from '../svnauthz.js';

/** Stand-in for "any other authenticated user" (someone the file does not name). */
export const OTHER_USER = 'websvn-authz-audit-unlisted-user';

export interface AuditOptions {
  site: Site;
  path?: string;
  parent?: string | undefined;
  repository?: string | undefined;
  crossCheck?: boolean;
  /**
   * At most this many answers are asked of svnauthz (spread evenly over all of them); 0: every one.
   * Each svnauthz call parses the whole file, which takes seconds for very large files. Default 2000.
   */
  crossCheckMax?: number;
  /** svnauthz processes at a time (default 4). */
  concurrency?: number;
}

export interface AuditEntry {
  parent: string;
  repository: string;
  path: string;
  /** A user name, `$anonymous`, or `*` for any other authenticated user. */
  user: string;
  access: Decision;
}

export interface AuditRepository {
  parent: string;
  repository: string;
  path: string;
  readers: string[];
  writers: string[];
  anonymous: Decision;
  otherAuthenticated: Decision;
}

export interface AuditReport {
  repositories: AuditRepository[];
  entries: AuditEntry[];
  mismatches: (AuditEntry & { svnauthz: string })[];
  checked: number;
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

export async function audit(options: AuditOptions): Promise<AuditReport> {
  const { site } = options;
  const path = options.path ?? '/';
  const parents = site.parents.filter((p) => options.parent === undefined || p.name === options.parent);
  if (parents.length === 0)
    throw new ConfigError(`no parent path named "${options.parent}"`, { file: site.file, field: 'parents' });
  const report: AuditReport = { repositories: [], entries: [], mismatches: [], checked: 0 };
  const checks: { entry: AuditEntry; file: string; user: string | undefined }[] = [];
  for (const p of parents) {
    const text = readLive(p.authzFile);
    if (text === undefined)
      throw new OpskitError('E_NO_AUTHZ', `${p.authzFile} does not exist`, {
        hint: 'run websvn-authz sync first',
      });
    const authz = parseAuthz(text);
    const repos = new Set<string>([
      ...(p.repositories ?? []),
      ...p.rules.flatMap((r) => (r.repository ? [r.repository] : [])),
    ]);
    if (existsSync(p.path)) for (const r of discoverRepositories(p.path)) repos.add(r);
    const users = usersNamed(authz);
    for (const repository of [...repos].sort()) {
      if (options.repository !== undefined && repository !== options.repository) continue;
      const row: AuditRepository = {
        parent: p.name,
        repository,
        path,
        readers: [],
        writers: [],
        anonymous: 'no',
        otherAuthenticated: 'no',
      };
      const subjects: [string, string | undefined][] = [
        ...users.map((u): [string, string] => [u, u]),
        ['$anonymous', undefined],
        ['*', OTHER_USER],
      ];
      for (const [label, user] of subjects) {
        const access = evaluateAccess(authz, repository, path, user);
        const entry: AuditEntry = { parent: p.name, repository, path, user: label, access };
        report.entries.push(entry);
        checks.push({ entry, file: p.authzFile, user });
        if (label === '$anonymous') row.anonymous = access;
        else if (label === '*') row.otherAuthenticated = access;
        else if (access === 'rw') row.writers.push(label);
        else if (access === 'r') row.readers.push(label);
      }
      report.repositories.push(row);
    }
  }
  if (options.crossCheck ?? true) {
    const max = options.crossCheckMax ?? 2000;
    const chosen =
      max > 0 && checks.length > max
        ? checks.filter(
            (_, i) => Math.floor((i * max) / checks.length) !== Math.floor(((i - 1) * max) / checks.length),
          )
        : checks;
    await pool(chosen, options.concurrency ?? 4, async (c) => {
      const theirs = await svnauthzAccessOf(c.file, { repository: c.entry.repository, path, user: c.user });
      report.checked++;
      if (theirs !== c.entry.access) report.mismatches.push({ ...c.entry, svnauthz: theirs });
    });
  }
  return report;
}
