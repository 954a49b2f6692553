// The site file: loaded through core (YAML or JSON, JSON Schema, file:line errors), then checked for
// what a schema cannot say (rule entries, section paths, duplicate sections, undefined names).
import { resolve } from 'node:path';
import { ConfigError, type LoadedDocument, loadStructuredFile, validateDocument } from '@opskit/core';
import {
  type Access,
  formatEntry,
  GROUP_NAME,
  parseEntry,
  pathProblem,
  sectionHeader,
  userNameProblem,
} from './authz/names.js';
import { firstRdnValue } from './ldap/dn.js';
import { siteSchema } from './schema.js';

export type NameCase = 'keep' | 'lower' | 'upper';

export interface SiteRule {
  repository?: string;
  path: string;
  glob: boolean;
  access: Record<string, Access>;
}

export interface SiteParent {
  name: string;
  path: string;
  location?: string;
  authzFile: string;
  repositories?: string[];
  rules: SiteRule[];
  verbatim?: string;
}

export interface SiteLdap {
  url: string;
  startTls: boolean;
  caFile?: string;
  bindDn?: string;
  passwordFile?: string;
  passwordEnv?: string;
  timeoutMs: number;
  pageSize: number;
  rangeStep: number;
  maxNestingDepth: number;
  usernameCase: NameCase;
  users: { base: string; filter: string; loginAttribute: string; scope: 'one' | 'sub' };
  groups: { base: string; filter: string; nameAttribute: string; scope: 'one' | 'sub' };
}

export interface Site {
  file: string;
  lockFile: string;
  ldap: SiteLdap;
  groups: {
    all: boolean;
    include: 'referenced' | 'all';
    map: { ldap: string; name?: string }[];
    static: Record<string, string[]>;
  };
  aliases: Record<string, string>;
  guard: { emptiedGroup: 'fail' | 'warn'; maxRemovedPercent: number };
  parents: SiteParent[];
  apache?: {
    output: string;
    authName: string;
    listParentPath: boolean;
    bindPasswordFile?: string;
    usernameCase?: NameCase;
    websvn?: { location: string; directory: string };
  };
  websvn?: { output: string; denyAllFile?: string; svnauthzDir?: string };
}

/** Reads, validates and checks a site file; every problem is a ConfigError naming file:line and field. */
export function loadSite(file: string): Site {
  const doc = validateDocument<Omit<Site, 'file'>>(loadStructuredFile(file), siteSchema);
  const site: Site = { ...doc.data, file: resolve(file) };
  checkSite(site, doc);
  return site;
}

function fail(doc: LoadedDocument<unknown>, pointer: string, field: string, message: string): never {
  throw new ConfigError(message, { file: doc.file, line: doc.lineOf(pointer), field });
}

/** Whether a groups.map entry names a group by DN rather than by name. */
export function looksLikeDn(s: string): boolean {
  return /^[A-Za-z][\w-]*=.+,.+=/.test(s);
}

/** The authz name of a mapped LDAP group: `name`, else the group name (or the DN's first RDN value). */
export function mappedName(m: { ldap: string; name?: string | undefined }): string {
  return m.name ?? (looksLikeDn(m.ldap) ? firstRdnValue(m.ldap) : m.ldap);
}

/** Whether a group name is defined by the site file itself (mapped or static); with all: true LDAP decides later. */
export function knownGroupNames(site: Site): Set<string> {
  const names = new Set(Object.keys(site.groups.static));
  for (const m of site.groups.map) names.add(mappedName(m));
  return names;
}

function checkSite(site: Site, doc: LoadedDocument<unknown>): void {
  const groups = knownGroupNames(site);
  for (const [i, m] of site.groups.map.entries()) {
    const name = mappedName(m);
    if (!GROUP_NAME.test(name)) {
      fail(
        doc,
        `/groups/map/${i}`,
        `groups.map[${i}].name`,
        `"${name}" is not a valid authz group name; give one with name: (expected ${GROUP_NAME.source})`,
      );
    }
  }
  for (const [name, target] of Object.entries(site.aliases)) {
    // written as `name = target` in [aliases]: a target must be one user name on one line
    const problem = userNameProblem(target);
    if (problem) {
      fail(
        doc,
        `/aliases/${name}`,
        `aliases.${name}`,
        `alias target ${JSON.stringify(target)} is not a user name: ${problem}`,
      );
    }
  }
  const checkRef = (pointer: string, field: string, text: string, allowUser: boolean) => {
    let entry: ReturnType<typeof parseEntry>;
    try {
      entry = parseEntry(text);
    } catch (err) {
      fail(doc, pointer, field, `"${text}": ${(err as Error).message}`);
    }
    if (entry.kind === 'group' && !groups.has(entry.name) && !site.groups.all) {
      fail(
        doc,
        pointer,
        field,
        `"${text}": group ${entry.name} is neither mapped from LDAP (groups.map) nor static (groups.static)`,
      );
    }
    if (entry.kind === 'alias' && !(entry.name in site.aliases)) {
      fail(doc, pointer, field, `"${text}": alias ${entry.name} is not defined in aliases`);
    }
    if (!allowUser && !['user', 'group', 'alias'].includes(entry.kind)) {
      fail(doc, pointer, field, `"${text}": a group member must be a user, @group or &alias`);
    }
    if (!allowUser && entry.inverted) fail(doc, pointer, field, `"${text}": ~ is not allowed in a group`);
  };
  for (const [g, members] of Object.entries(site.groups.static)) {
    for (const [j, m] of members.entries())
      checkRef(`/groups/static/${g}/${j}`, `groups.static.${g}[${j}]`, m, false);
  }
  const parentNames = new Set<string>();
  const authzFiles = new Set<string>();
  site.parents.forEach((p, i) => {
    if (parentNames.has(p.name))
      fail(doc, `/parents/${i}/name`, `parents[${i}].name`, `duplicate parent name "${p.name}"`);
    parentNames.add(p.name);
    if (authzFiles.has(p.authzFile)) {
      fail(
        doc,
        `/parents/${i}/authzFile`,
        `parents[${i}].authzFile`,
        `"${p.authzFile}" is used by two parent paths; repository names collide across parent paths, so each needs its own file`,
      );
    }
    authzFiles.add(p.authzFile);
    const headers = new Set<string>();
    p.rules.forEach((r, j) => {
      const base = `/parents/${i}/rules/${j}`;
      const field = `parents[${i}].rules[${j}]`;
      const problem = pathProblem(r.path, r.glob);
      if (problem) fail(doc, `${base}/path`, `${field}.path`, `"${r.path}" ${problem}`);
      if (r.repository !== undefined && p.repositories && !p.repositories.includes(r.repository)) {
        fail(
          doc,
          `${base}/repository`,
          `${field}.repository`,
          `"${r.repository}" is not in parents[${i}].repositories`,
        );
      }
      const header = sectionHeader(r.repository, r.path, r.glob);
      const literalTwin = sectionHeader(r.repository, r.path, !r.glob);
      if (headers.has(header))
        fail(doc, base, field, `section ${header} is given twice; merge the two rules`);
      if (headers.has(literalTwin))
        fail(
          doc,
          base,
          field,
          `${header} and ${literalTwin} describe the same rule; svn rejects both in one file`,
        );
      headers.add(header);
      const seen = new Set<string>();
      for (const key of Object.keys(r.access)) {
        checkRef(
          `${base}/access/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          `${field}.access.${key}`,
          key,
          true,
        );
        const canon = formatEntry(parseEntry(key));
        if (seen.has(canon)) fail(doc, `${base}/access`, `${field}.access`, `entry ${canon} is given twice`);
        seen.add(canon);
      }
    });
    if (p.verbatim !== undefined) {
      for (const m of p.verbatim.matchAll(/^\[([^\]\n]*)\]/gm)) {
        const h = `[${m[1]}]`;
        if (h === '[groups]' || h === '[aliases]') {
          fail(
            doc,
            `/parents/${i}/verbatim`,
            `parents[${i}].verbatim`,
            `${h} cannot be written by hand; use groups.static or aliases`,
          );
        }
        if (headers.has(h))
          fail(
            doc,
            `/parents/${i}/verbatim`,
            `parents[${i}].verbatim`,
            `section ${h} is also generated from rules`,
          );
        headers.add(h);
      }
    }
  });
  if (site.apache && !site.apache.bindPasswordFile && !site.ldap.passwordFile && site.ldap.bindDn) {
    fail(
      doc,
      '/apache',
      'apache.bindPasswordFile',
      'Apache needs the bind password from a file: set apache.bindPasswordFile or ldap.passwordFile',
    );
  }
  if (site.ldap.passwordFile && site.ldap.passwordEnv) {
    fail(doc, '/ldap/passwordEnv', 'ldap.passwordEnv', 'give passwordFile or passwordEnv, not both');
  }
}
