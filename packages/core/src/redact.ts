// Secret redaction shared by the logger and every error constructor: nothing secret reaches output.

const REDACTED = '***';
const registered = new Set<string>();

/** Registers a literal secret value (a password, a community) so that it is masked wherever it appears. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 3) registered.add(value);
}

/** Forgets all registered secrets (for tests). */
export function clearSecrets(): void {
  registered.clear();
}

// key=value or key: value (a quoted value is masked whole); not after "/" so that /etc/passwd: stays readable.
const KEY_PATTERN =
  /((?<![\w/.-])(?:pass(?:word|wd|phrase)?|secret|community|bind[-_ ]?pw|bind[-_ ]?password|credentials?|token|auth[-_ ]?key|priv[-_ ]?key|api[-_ ]?key)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s"',;&}]+)/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi;
const AUTH_HEADER = /\b(authorization\s*[:=]\s*(?:basic|bearer|digest)?\s*)([A-Za-z0-9+/=._~-]+)/gi;
const SNMP_COMMUNITY_FLAG = /(\s-[cAX]\s+)(\S+)/g;

/** Masks secrets in free text: registered values, key=value pairs, URL user info and Authorization headers. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...registered].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(URL_USERINFO, `$1$2:${REDACTED}@`)
    .replace(AUTH_HEADER, `$1${REDACTED}`)
    .replace(KEY_PATTERN, `$1${REDACTED}`)
    .replace(SNMP_COMMUNITY_FLAG, `$1${REDACTED}`);
}

const SECRET_KEY =
  /pass(word|wd|phrase)?$|secret|community|bindpw|token|authkey|privkey|apikey|authorization/i;

/** Deep-copies a value for logging, masking fields whose key names a secret and any registered secret text. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) return redact(value.message);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key.replace(/[-_ ]/g, '')) && v != null ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}
