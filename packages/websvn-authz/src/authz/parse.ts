// Reads an authz file back (the live one, for the shrink guard and the audit): sections in order,
// entries, groups and aliases. Follows svn's lexical rules: # comments in column 0, indented lines
// continue the previous value, `=` or `:` separate name from value.

export interface AuthzSection {
  header: string;
  repository: string | undefined;
  path: string;
  glob: boolean;
  entries: { who: string; access: string }[];
}

export interface ParsedAuthz {
  groups: Map<string, string[]>;
  aliases: Map<string, string>;
  rules: AuthzSection[];
}

export function parseAuthz(text: string): ParsedAuthz {
  const groups = new Map<string, string[]>();
  const aliases = new Map<string, string>();
  const rules: AuthzSection[] = [];
  let section: string | undefined;
  let current: AuthzSection | undefined;
  let last: { name: string; value: string } | undefined;
  const flush = () => {
    if (!last || section === undefined) return;
    if (section === 'groups') {
      groups.set(
        last.name,
        last.value
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      );
    } else if (section === 'aliases') aliases.set(last.name, last.value.trim());
    else current?.entries.push({ who: last.name, access: last.value.trim() });
    last = undefined;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (/^\s/.test(line)) {
      if (last) last.value += line.trim();
      continue;
    }
    flush();
    const header = /^\[(.*)\]\s*$/.exec(line);
    if (header) {
      section = header[1]!;
      current = undefined;
      if (section !== 'groups' && section !== 'aliases') {
        let rest = section;
        const glob = rest.startsWith(':glob:');
        if (glob) rest = rest.slice(6);
        const slash = rest.indexOf(':/');
        const repository = slash >= 0 ? rest.slice(0, slash) : undefined;
        const path = slash >= 0 ? rest.slice(slash + 1) : rest;
        current = { header: `[${section}]`, repository, path, glob, entries: [] };
        rules.push(current);
      }
      continue;
    }
    const sep = line.search(/[=:]/);
    if (sep < 0) continue;
    last = { name: line.slice(0, sep).trim(), value: line.slice(sep + 1) };
  }
  flush();
  return { groups, aliases, rules };
}
