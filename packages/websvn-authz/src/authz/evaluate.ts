// Who gets what, computed from a parsed authz file with svn 1.14 semantics: matching entries of one
// section are OR-ed; the deepest path with an entry matching the user decides; at one path a
// repository rule that matches the user overrides the global rule (#4762, fixed in 1.14.1); among
// rules for the same path the one written last wins.
import type { AuthzSection, ParsedAuthz } from './parse.js';

export type Decision = 'rw' | 'r' | 'no';

const memo = new WeakMap<ParsedAuthz, Map<string, Set<string>>>();

/** Groups (transitively) that contain the user, via users, @groups and &aliases (memoised per file). */
export function groupsOf(authz: ParsedAuthz, user: string): Set<string> {
  let perUser = memo.get(authz);
  if (!perUser) {
    perUser = new Map();
    memo.set(authz, perUser);
  }
  const known = perUser.get(user);
  if (known) return known;
  const result = computeGroupsOf(authz, user);
  perUser.set(user, result);
  return result;
}

function computeGroupsOf(authz: ParsedAuthz, user: string): Set<string> {
  const direct = (g: string, seen: Set<string>): boolean => {
    if (seen.has(g)) return false;
    seen.add(g);
    for (const m of authz.groups.get(g) ?? []) {
      if (m === user) return true;
      if (m.startsWith('&') && authz.aliases.get(m.slice(1)) === user) return true;
      if (m.startsWith('@') && direct(m.slice(1), seen)) return true;
    }
    return false;
  };
  return new Set([...authz.groups.keys()].filter((g) => direct(g, new Set())));
}

function entryMatches(
  who: string,
  user: string | undefined,
  groups: Set<string>,
  authz: ParsedAuthz,
): boolean {
  const inverted = who.startsWith('~');
  const name = inverted ? who.slice(1) : who;
  if (name === '*') return true;
  if (name === '$anonymous') return inverted ? user !== undefined : user === undefined;
  if (name === '$authenticated') return inverted ? user === undefined : user !== undefined;
  if (user === undefined) return false; // users, groups and aliases (also inverted) match authenticated users only
  let hit: boolean;
  if (name.startsWith('@')) hit = groups.has(name.slice(1));
  else if (name.startsWith('&')) hit = authz.aliases.get(name.slice(1)) === user;
  else hit = name === user;
  return inverted ? !hit : hit;
}

function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '\\' && i + 1 < seg.length) re += seg[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a :glob: pattern matches a path exactly (`*` one segment, `**` any number). */
export function globMatches(pattern: string, path: string): boolean {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let r: boolean;
    if (i === p.length) r = j === s.length;
    else if (p[i] === '**') r = go(i + 1, j) || (j < s.length && go(i, j + 1));
    else r = j < s.length && segmentRegex(p[i]!).test(s[j]!) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

function normalise(path: string): string {
  const p = `/${path.split('/').filter(Boolean).join('/')}`;
  return p;
}

function ancestors(path: string): string[] {
  const parts = normalise(path).split('/').filter(Boolean);
  const out: string[] = [];
  for (let n = parts.length; n >= 0; n--) out.push(`/${parts.slice(0, n).join('/')}`);
  return out;
}

function sectionAccess(
  sec: AuthzSection,
  user: string | undefined,
  groups: Set<string>,
  authz: ParsedAuthz,
): Decision | undefined {
  let found = false;
  let best: Decision = 'no';
  for (const e of sec.entries) {
    if (!entryMatches(e.who, user, groups, authz)) continue;
    found = true;
    if (e.access.includes('w')) best = 'rw';
    else if (e.access.includes('r') && best === 'no') best = 'r';
  }
  return found ? best : undefined;
}

/** Access of `user` (undefined: anonymous) to `path` of `repository`. */
export function evaluateAccess(
  authz: ParsedAuthz,
  repository: string,
  path: string,
  user: string | undefined,
): Decision {
  const groups = user === undefined ? new Set<string>() : groupsOf(authz, user);
  for (const level of ancestors(path)) {
    const matching = authz.rules.filter(
      (r) =>
        (r.repository === undefined || r.repository === repository) &&
        (r.glob ? globMatches(r.path, level) : normalise(r.path) === level),
    );
    for (const scope of [
      matching.filter((r) => r.repository !== undefined),
      matching.filter((r) => r.repository === undefined),
    ]) {
      for (let i = scope.length - 1; i >= 0; i--) {
        const d = sectionAccess(scope[i]!, user, groups, authz);
        if (d !== undefined) return d;
      }
    }
  }
  return 'no';
}

/** Every user an authz file names: group members, alias targets, users in rules. */
export function usersNamed(authz: ParsedAuthz): string[] {
  const users = new Set<string>();
  for (const members of authz.groups.values()) for (const m of members) if (!/^[@&]/.test(m)) users.add(m);
  for (const u of authz.aliases.values()) users.add(u);
  for (const r of authz.rules) {
    for (const e of r.entries) {
      const w = e.who.replace(/^~/, '');
      if (!/^[@&*$]/.test(w)) users.add(w);
    }
  }
  return [...users].sort();
}
