// The shrink guard: a directory that suddenly answers with empty groups (a broken replica, a wrong
// base, a filter typo) must not lock everybody out. Compares new LDAP groups with the live file.
import { OpskitError } from '@opskit/core';
import type { DirectoryGroup } from './ldap/directory.js';
import type { Site } from './site.js';

export interface GuardFinding {
  file: string;
  emptied: { group: string; before: number }[];
  removed: number;
  before: number;
}

/** Compares previous memberships (from a live file's [groups]) with the new ones. */
export function compareGroups(
  file: string,
  previous: Map<string, string[]>,
  next: DirectoryGroup[],
): GuardFinding {
  const finding: GuardFinding = { file, emptied: [], removed: 0, before: 0 };
  for (const g of next) {
    const old = previous.get(g.name);
    if (!old) continue;
    const members = old.filter((m) => !m.startsWith('@') && !m.startsWith('&'));
    finding.before += members.length;
    const now = new Set(g.users);
    finding.removed += members.filter((m) => !now.has(m)).length;
    if (members.length > 0 && g.users.length === 0)
      finding.emptied.push({ group: g.name, before: members.length });
  }
  return finding;
}

/** Throws (nothing written) when the guard is tripped; returns warnings otherwise. */
export function enforceGuard(site: Site, findings: GuardFinding[]): string[] {
  const warnings: string[] = [];
  for (const f of findings) {
    if (f.emptied.length) {
      const list = f.emptied.map((e) => `${e.group} (had ${e.before})`).join(', ');
      if (site.guard.emptiedGroup === 'fail') {
        throw new OpskitError('E_GUARD', `${f.file}: LDAP groups now without members: ${list}`, {
          hint: 'check the directory; if this is intended set guard.emptiedGroup: warn for one run. Nothing was written',
        });
      }
      warnings.push(`${f.file}: groups now without members: ${list}`);
    }
    const pct = f.before === 0 ? 0 : (100 * f.removed) / f.before;
    if (pct > site.guard.maxRemovedPercent) {
      throw new OpskitError(
        'E_GUARD',
        `${f.file}: ${f.removed} of ${f.before} group memberships (${pct.toFixed(1)}%) would disappear, more than guard.maxRemovedPercent ${site.guard.maxRemovedPercent}%`,
        {
          hint: 'check the directory, or raise guard.maxRemovedPercent for one run. Nothing was written',
        },
      );
    }
  }
  return warnings;
}
