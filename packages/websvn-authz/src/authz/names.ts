// What authz can hold: user and group names, rule entries and section paths (svn 1.10-1.14 rules).

export type Access = 'r' | 'rw' | 'none';

/** Why a user name cannot be written in an authz file, or undefined when it can. */
export function userNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name !== name.trim()) return 'leading or trailing white space';
  if (/[\r\n\0]/.test(name)) return 'a line break';
  if (/[,=:#[\]]/.test(name)) return 'one of , = : # [ ]';
  if (/^[@$&*~]/.test(name)) return 'a leading @ $ & * or ~';
  return undefined;
}

export const GROUP_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Turns an LDAP group name into a valid authz group name (characters outside [A-Za-z0-9_.-] become _). */
export function sanitizeGroupName(name: string): string {
  const s = name.trim().replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z0-9_]/.test(s) ? s : `_${s}`;
}

export type Entry =
  | { kind: 'user'; name: string; inverted: boolean }
  | { kind: 'group'; name: string; inverted: boolean }
  | { kind: 'alias'; name: string; inverted: boolean }
  | { kind: 'all'; inverted: false }
  | { kind: 'anonymous'; inverted: boolean }
  | { kind: 'authenticated'; inverted: boolean };

/** Parses a rule's left-hand side; throws an Error with the reason when authz would reject it. */
export function parseEntry(text: string): Entry {
  let t = text.trim();
  let inverted = false;
  if (t.startsWith('~')) {
    inverted = true;
    t = t.slice(1);
    if (t.startsWith('~')) throw new Error('double inversion ~~ is not allowed');
    if (t === '*') throw new Error('~* never matches anyone');
  }
  if (t === '*') return { kind: 'all', inverted: false };
  if (t === '$anonymous') return { kind: 'anonymous', inverted };
  if (t === '$authenticated') return { kind: 'authenticated', inverted };
  if (t.startsWith('$')) throw new Error('only $anonymous and $authenticated exist');
  if (t.startsWith('@')) {
    const name = t.slice(1);
    if (!GROUP_NAME.test(name)) throw new Error(`group name "${name}" must match ${GROUP_NAME.source}`);
    return { kind: 'group', name, inverted };
  }
  if (t.startsWith('&')) {
    const name = t.slice(1);
    if (!GROUP_NAME.test(name)) throw new Error(`alias name "${name}" must match ${GROUP_NAME.source}`);
    return { kind: 'alias', name, inverted };
  }
  const problem = userNameProblem(t);
  if (problem) throw new Error(`user name "${t}" cannot be used: ${problem}`);
  return { kind: 'user', name: t, inverted };
}

export function formatEntry(e: Entry): string {
  const sign = e.inverted ? '~' : '';
  switch (e.kind) {
    case 'all':
      return '*';
    case 'anonymous':
      return `${sign}$anonymous`;
    case 'authenticated':
      return `${sign}$authenticated`;
    case 'group':
      return `${sign}@${e.name}`;
    case 'alias':
      return `${sign}&${e.name}`;
    case 'user':
      return `${sign}${e.name}`;
  }
}

/** Why a section path is not canonical for authz, or undefined when it is fine. */
export function pathProblem(path: string, glob: boolean): string | undefined {
  if (!path.startsWith('/')) return 'must start with /';
  if (path.length > 1 && path.endsWith('/')) return 'must not end with / (svn rejects non-canonical paths)';
  if (path.includes('//')) return 'must not contain //';
  if (/[\]\r\n]/.test(path)) return 'must not contain ] or a line break';
  if (!glob && /(^|\/)\.\.?(\/|$)/.test(path)) return 'must not contain . or .. segments';
  return undefined;
}

export function sectionHeader(repository: string | undefined, path: string, glob: boolean): string {
  return `[${glob ? ':glob:' : ''}${repository === undefined ? '' : `${repository}:`}${path}]`;
}

export function applyCase(name: string, mode: 'keep' | 'lower' | 'upper'): string {
  return mode === 'lower' ? name.toLowerCase() : mode === 'upper' ? name.toUpperCase() : name;
}
