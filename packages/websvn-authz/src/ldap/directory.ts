// Reads users and groups from the directory (paged, no request per user), follows nested groups and
// AD ranged members, and returns the authz groups with their members flattened to login names.
import { OpskitError } from '@opskit/core';
import { type Entry, escapeFilter } from 'ldapts';
import { applyCase, GROUP_NAME, sanitizeGroupName, userNameProblem } from '../authz/names.js';
import { looksLikeDn, mappedName, type Site } from '../site.js';
import type { LdapSession } from './client.js';
import { values } from './client.js';
import { firstRdnValue, isUnder, normalizeDn } from './dn.js';
import { type RawGroup, resolveGroups } from './resolve.js';

export interface DirectoryGroup {
  /** authz group name. */
  name: string;
  dn: string;
  users: string[];
}

export interface DirectoryResult {
  groups: DirectoryGroup[];
  userCount: number;
  warnings: string[];
}

const MEMBER_ATTRS = ['member', 'uniqueMember', 'memberUid'];
const RANGE = /^(member|uniquemember);range=(\d+)-(\d+|\*)$/i;
const BATCH = 50;

/** Values of a member attribute including AD range retrieval (`member;range=0-1499`, then the next ranges). */
async function memberValues(
  session: LdapSession,
  entry: Entry,
  attr: string,
  step: number,
): Promise<string[]> {
  const plain = values(entry, attr);
  const rangedKey = Object.keys(entry).find((k) => RANGE.exec(k)?.[1]?.toLowerCase() === attr.toLowerCase());
  if (!rangedKey) return plain;
  const out = [...plain, ...values(entry, rangedKey)];
  let end = RANGE.exec(rangedKey)?.[3] ?? '*';
  // Only a slice ending in `*` is the last one: any other way out would install a group cut short.
  while (end !== '*') {
    const low = Number(end) + 1;
    const asked = `${attr};range=${low}-${low + step - 1}`;
    const next = await session.read(entry.dn, [asked]);
    const key =
      next && Object.keys(next).find((k) => RANGE.exec(k)?.[1]?.toLowerCase() === attr.toLowerCase());
    const range = key ? RANGE.exec(key) : null;
    if (!next || !range || Number(range[2]) !== low) {
      const got = !next ? 'the entry is gone' : !key ? `no ${attr};range=... came back` : `got ${key}`;
      throw new OpskitError(
        'E_LDAP_RANGE',
        `ranged read of ${attr} of ${entry.dn} stopped early: asked ${asked}, ${got}; the group's ${out.length} values read so far are not all of it`,
        {
          hint: 'a group read only in part is never written; nothing was written. Run again once the directory is stable',
        },
      );
    }
    out.push(...values(next, key!));
    end = range[3] ?? '*';
  }
  return out;
}

/** Reads the directory and returns the authz groups the site asks for. Throws on any LDAP failure. */
export async function readDirectory(site: Site, session: LdapSession): Promise<DirectoryResult> {
  const { ldap } = site;
  const warnings: string[] = [];
  const caseMode = ldap.usernameCase;

  // Users: one paged search, giving the DN -> login map that member DNs are resolved against.
  const usersByDn = new Map<string, string>();
  const badUsers = new Set<string>();
  const userEntries = await session.searchAll(
    ldap.users.base,
    ldap.users.filter,
    [ldap.users.loginAttribute],
    ldap.users.scope,
  );
  for (const e of userEntries) {
    const login = values(e, ldap.users.loginAttribute)[0];
    if (login === undefined) continue;
    const name = applyCase(login, caseMode);
    const problem = userNameProblem(name);
    if (problem) {
      badUsers.add(`${name} (${problem})`);
      continue;
    }
    usersByDn.set(normalizeDn(e.dn), name);
  }

  // Groups: all of them, or the mapped ones plus whatever they nest (fetched in batches by RDN).
  const attrs = [ldap.groups.nameAttribute, ...MEMBER_ATTRS];
  const entries = new Map<string, Entry>();
  const add = (list: Entry[]) => {
    for (const e of list) entries.set(normalizeDn(e.dn), e);
  };
  const groupBase = normalizeDn(ldap.groups.base);
  if (site.groups.all) {
    add(await session.searchAll(ldap.groups.base, ldap.groups.filter, attrs, ldap.groups.scope));
  } else {
    const names = site.groups.map.filter((m) => !looksLikeDn(m.ldap)).map((m) => m.ldap);
    for (let i = 0; i < names.length; i += BATCH) {
      const any = names
        .slice(i, i + BATCH)
        .map((n) => escapeFilter`(${ldap.groups.nameAttribute}=${n})`)
        .join('');
      add(
        await session.searchAll(
          ldap.groups.base,
          `(&${ldap.groups.filter}(|${any}))`,
          attrs,
          ldap.groups.scope,
        ),
      );
    }
    for (const m of site.groups.map.filter((x) => looksLikeDn(x.ldap))) {
      const e = await session.read(m.ldap, attrs);
      if (e) add([e]);
    }
  }
  const raw = new Map<string, RawGroup>();
  const pending = [...entries.keys()];
  for (let round = 0; pending.length > 0 && round <= ldap.maxNestingDepth + 1; round++) {
    const wanted = new Map<string, string>(); // normalised DN -> filter clause
    for (const key of pending.splice(0)) {
      const e = entries.get(key)!;
      const memberDns = [
        ...(await memberValues(session, e, 'member', ldap.rangeStep)),
        ...(await memberValues(session, e, 'uniqueMember', ldap.rangeStep)),
      ].map((v) => normalizeDn(v.replace(/#'[01]*'B$/, '')));
      const memberUids = values(e, 'memberUid').map((u) => applyCase(u.trim(), caseMode));
      for (const u of memberUids) {
        const problem = userNameProblem(u);
        if (problem) badUsers.add(`${u} (${problem})`);
      }
      raw.set(key, {
        dn: e.dn,
        key,
        name: values(e, ldap.groups.nameAttribute)[0] ?? firstRdnValue(e.dn),
        memberDns,
        memberUids: memberUids.filter((u) => !userNameProblem(u)),
      });
      if (site.groups.all) continue;
      for (const m of memberDns) {
        if (usersByDn.has(m) || entries.has(m) || !isUnder(m, groupBase)) continue;
        const eq = m.indexOf('=');
        wanted.set(m, escapeFilter`(${m.slice(0, eq)}=${firstRdnValue(m)})`);
      }
    }
    const clauses = [...new Set(wanted.values())];
    for (let i = 0; i < clauses.length; i += BATCH) {
      const found = await session.searchAll(
        ldap.groups.base,
        `(&${ldap.groups.filter}(|${clauses.slice(i, i + BATCH).join('')}))`,
        attrs,
        ldap.groups.scope,
      );
      for (const e of found) {
        const key = normalizeDn(e.dn);
        if (!entries.has(key)) {
          entries.set(key, e);
          pending.push(key);
        }
      }
    }
  }

  const resolved = resolveGroups([...raw.values()], usersByDn, ldap.maxNestingDepth);
  warnings.push(...resolved.warnings);
  for (const b of [...badUsers].sort())
    warnings.push(`user ${b} cannot be written in an authz file; left out`);

  // Map LDAP groups to authz names: explicit entries first, then (all: true) every other group.
  const out = new Map<string, DirectoryGroup>();
  const taken = new Map<string, string>();
  const use = (name: string, key: string) => {
    const g = resolved.groups.get(key)!;
    if (g.depthCut) {
      throw new OpskitError(
        'E_NESTING_DEPTH',
        `group ${g.name} (${g.dn}) nests groups deeper than ldap.maxNestingDepth (${ldap.maxNestingDepth}): ${g.depthCut.join(' -> ')} is ${g.depthCut.length - 1} levels down, so members of ${g.depthCut.at(-1)} would be left out`,
        {
          hint: 'raise ldap.maxNestingDepth (up to 100) or flatten the nesting in the directory; nothing was written',
        },
      );
    }
    const other = taken.get(name);
    if (other !== undefined && other !== key) {
      throw new OpskitError(
        'E_GROUP_NAME',
        `LDAP groups ${resolved.groups.get(other)?.dn} and ${g.dn} both become authz group "${name}"`,
        {
          hint: 'map one of them explicitly under groups.map with another name',
        },
      );
    }
    taken.set(name, key);
    for (const u of g.unresolved)
      warnings.push(
        `group ${g.name}: member ${u} is neither a user nor a group under the search bases; left out`,
      );
    out.set(name, { name, dn: g.dn, users: g.users });
  };
  const mappedKeys = new Set<string>();
  for (const m of site.groups.map) {
    const matches = looksLikeDn(m.ldap)
      ? [normalizeDn(m.ldap)].filter((k) => resolved.groups.has(k))
      : [...resolved.groups.values()]
          .filter((g) => g.name.toLowerCase() === m.ldap.toLowerCase())
          .map((g) => normalizeDn(g.dn));
    if (matches.length === 0) {
      throw new OpskitError(
        'E_GROUP_MISSING',
        `LDAP group "${m.ldap}" was not found under ${ldap.groups.base} with ${ldap.groups.filter}`,
        {
          hint: 'a mapped group that vanished stops the run; fix the directory or groups.map. Nothing was written',
        },
      );
    }
    if (matches.length > 1) {
      throw new OpskitError(
        'E_GROUP_AMBIGUOUS',
        `LDAP group name "${m.ldap}" matches ${matches.length} groups`,
        {
          hint: 'give the full DN in groups.map[].ldap',
        },
      );
    }
    mappedKeys.add(matches[0]!);
    use(mappedName(m), matches[0]!);
  }
  if (site.groups.all) {
    for (const [key, g] of resolved.groups) {
      if (mappedKeys.has(key)) continue;
      const name = GROUP_NAME.test(g.name) ? g.name : sanitizeGroupName(g.name);
      use(name, key);
    }
  }
  return {
    groups: [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    userCount: usersByDn.size,
    warnings,
  };
}
