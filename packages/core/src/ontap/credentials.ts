// Filer credentials from the environment (OPSKIT_ONTAP_<FILER>_USER/_PASSWORD) or from a credentials
// file that only its owner may read. Passwords are registered for redaction as soon as they are read.
import { ConfigError } from '../errors.js';
import { readSecretFile } from '../fs.js';
import { registerSecret } from '../redact.js';
import type { OntapCredentials } from './config.js';

export interface CredentialsSource {
  /** Credentials file: one `<filer> <user> <password>` per line, `#` comments, `*` matches every filer. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

/** `OPSKIT_ONTAP_<FILER>` with the filer name upper-cased and every other character turned into `_`. */
export function credentialsEnvPrefix(filer: string): string {
  return `OPSKIT_ONTAP_${filer.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Parses credentials-file text; errors name the line (never its content). */
export function parseCredentialsFile(text: string, file: string): Map<string, OntapCredentials> {
  const out = new Map<string, OntapCredentials>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(\S+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!m) {
      throw new ConfigError('expected "<filer> <user> <password>"', { file, line: i + 1 });
    }
    const password = m[3]!.trim();
    registerSecret(password);
    out.set(m[1]!.toLowerCase(), { username: m[2]!, password });
  });
  return out;
}

const fileCache = new Map<string, Promise<Map<string, OntapCredentials>>>();

/** Reads (once per process) and parses a credentials file, refusing it when group/world-readable. */
export function readCredentialsFile(file: string): Promise<Map<string, OntapCredentials>> {
  let entry = fileCache.get(file);
  if (!entry) {
    entry = readSecretFile(file).then((text) => parseCredentialsFile(text, file));
    entry.catch(() => fileCache.delete(file));
    fileCache.set(file, entry);
  }
  return entry;
}

/** Credentials from the environment: the filer's own variables, else OPSKIT_ONTAP_USER/_PASSWORD. */
export function envCredentials(
  filer: string,
  env: NodeJS.ProcessEnv = process.env,
): OntapCredentials | undefined {
  const prefix = credentialsEnvPrefix(filer);
  for (const p of [prefix, 'OPSKIT_ONTAP']) {
    const username = env[`${p}_USER`];
    const password = env[`${p}_PASSWORD`];
    if (username && password !== undefined) {
      registerSecret(password);
      return { username, password };
    }
  }
  return undefined;
}

/** Environment first (flags > environment > file), then the credentials file (the filer's line, then `*`). */
export async function loadOntapCredentials(
  filer: string,
  source: CredentialsSource = {},
): Promise<OntapCredentials> {
  const env = source.env ?? process.env;
  const own = envCredentials(filer, env);
  const prefix = credentialsEnvPrefix(filer);
  if (own && (env[`${prefix}_USER`] || !source.file)) return own;
  if (source.file) {
    const table = await readCredentialsFile(source.file);
    const found = table.get(filer.toLowerCase()) ?? table.get('*');
    if (found) return found;
  }
  if (own) return own;
  throw new ConfigError(`no credentials for filer ${filer}`, source.file ? { file: source.file } : {}, {
    hint: `set ${prefix}_USER and ${prefix}_PASSWORD, or add "${filer} <user> <password>" to a credentials file (mode 0600)`,
  });
}
