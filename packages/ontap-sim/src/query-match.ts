// Query values as ZAPI and REST filers match them: `*` wildcards and `|` alternatives, case-insensitive.

/** True when the value (absent = empty text) matches one of the pattern's `|` alternatives. */
export function matchesWildcards(value: unknown, pattern: string): boolean {
  const text = value === undefined ? '' : String(value);
  return pattern.split('|').some((alt) => {
    const re = new RegExp(
      `^${alt
        .split('*')
        .map((p) => p.replace(/[.+?^${}()[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    );
    return re.test(text);
  });
}
