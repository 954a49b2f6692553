// DN comparison: servers return DNs with other escaping, spacing and case than member values hold
// (`cn=Smith\2C John` vs `CN=smith\, john`), so DNs are compared in a normalised form, never as text.

function unescapeValue(v: string): string {
  const bytes: number[] = [];
  const text = Buffer.from(v, 'utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === 0x5c && i + 1 < text.length) {
      const hex = text.subarray(i + 1, i + 3).toString('latin1');
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(text[i + 1]!);
        i += 1;
      }
    } else bytes.push(c);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** One canonical escaping (RFC 4514 specials), so a normalised DN still splits into its RDNs. */
function escapeValue(v: string): string {
  return v
    .replace(/[,+"\\<>;=]/g, '\\$&')
    .replace(/^[ #]/, '\\$&')
    .replace(/ $/, '\\ ');
}

/** Splits at separators not escaped by a backslash. */
function splitUnescaped(s: string, seps: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i++;
    } else if (seps.includes(c)) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Canonical form of a DN: attribute types and values lower-cased, escapes resolved, spaces trimmed. */
export function normalizeDn(dn: string): string {
  return splitUnescaped(dn.trim(), ',;')
    .filter((rdn) => rdn.trim() !== '')
    .map((rdn) =>
      splitUnescaped(rdn, '+')
        .map((ava) => {
          const eq = ava.indexOf('=');
          if (eq < 0) return ava.trim().toLowerCase();
          const type = ava.slice(0, eq).trim().toLowerCase();
          const value = unescapeValue(ava.slice(eq + 1).trim()).toLowerCase();
          return `${type}=${escapeValue(value)}`;
        })
        .sort()
        .join('+'),
    )
    .join(',');
}

/** The value of the first RDN (`cn=pythondev,ou=groups` -> `pythondev`), unescaped. */
export function firstRdnValue(dn: string): string {
  const first = splitUnescaped(dn.trim(), ',;')[0] ?? '';
  const ava = splitUnescaped(first, '+')[0] ?? '';
  const eq = ava.indexOf('=');
  return unescapeValue(ava.slice(eq + 1).trim());
}

/** Whether a DN lies at or below a base DN (both normalised). */
export function isUnder(normDn: string, normBase: string): boolean {
  return normDn === normBase || normDn.endsWith(`,${normBase}`);
}
