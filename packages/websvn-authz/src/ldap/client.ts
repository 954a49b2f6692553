// A thin, counted LDAP session over ldapts: connect (ldaps or StartTLS), bind, paged searches and
// base reads, with every failure turned into a RemoteError that names the server and what to check.
import { readFileSync } from 'node:fs';
import { ConfigError, RemoteError, readSecretFile, registerSecret } from '@opskit/core';
import { Client, type Entry, InvalidCredentialsError, ResultCodeError, SizeLimitExceededError } from 'ldapts';
import type { SiteLdap } from '../site.js';

export interface LdapStats {
  /** LDAP requests sent: binds, StartTLS, every page of a paged search and every base read. */
  requests: number;
  searches: number;
  pages: number;
  entries: number;
}

export interface LdapSession {
  readonly stats: LdapStats;
  /** Paged subtree (or one-level) search; returns every entry. */
  searchAll(base: string, filter: string, attributes: string[], scope: 'one' | 'sub'): Promise<Entry[]>;
  /** Reads one entry (base scope); undefined when it does not exist. */
  read(dn: string, attributes: string[]): Promise<Entry | undefined>;
  close(): Promise<void>;
}

/** Where the bind password comes from: a 0600 file or an environment variable. */
export async function bindPassword(ldap: SiteLdap, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (!ldap.bindDn) return undefined;
  if (ldap.passwordFile) return (await readSecretFile(ldap.passwordFile)).replace(/\r?\n$/, '');
  if (ldap.passwordEnv) {
    const value = env[ldap.passwordEnv];
    if (value === undefined || value === '') {
      throw new ConfigError(`environment variable ${ldap.passwordEnv} is not set`, {
        field: 'ldap.passwordEnv',
      });
    }
    registerSecret(value);
    return value;
  }
  throw new ConfigError('a bind DN needs a password: set ldap.passwordFile or ldap.passwordEnv', {
    field: 'ldap.bindDn',
  });
}

/** Maps an ldapts or socket error to a RemoteError for this server. */
export function ldapError(url: string, what: string, err: unknown, bindDn?: string): RemoteError {
  if (err instanceof InvalidCredentialsError) {
    return new RemoteError(url, `bind as ${bindDn ?? '(anonymous)'} refused: invalid credentials (49)`, {
      code: 'E_LDAP_BIND',
      cause: err,
      hint: 'check ldap.bindDn and the password file; nothing was written',
    });
  }
  if (err instanceof SizeLimitExceededError) {
    return new RemoteError(url, `${what}: size limit exceeded; the result would be incomplete`, {
      code: 'E_LDAP_SIZELIMIT',
      cause: err,
      hint: 'raise the server limit for the bind DN (slapd: limits ... size.pr=unlimited) or lower ldap.pageSize; nothing was written',
    });
  }
  if (err instanceof ResultCodeError) {
    // ldapts messages are often just "Code: 0x32"; the class name says what happened
    const detail = err.message.trim();
    const extra = detail && !/^Code: 0x/i.test(detail) ? `: ${detail}` : '';
    return new RemoteError(
      url,
      `${what}: ${err.name.replace(/Error$/, '')} (LDAP result code ${err.code})${extra}`,
      {
        code: 'E_LDAP',
        cause: err,
      },
    );
  }
  const e = err as NodeJS.ErrnoException;
  return new RemoteError(url, `${what}: ${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`, {
    code: 'E_LDAP_CONNECT',
    transient: true,
    cause: err,
    hint: 'LDAP unreachable: the live files were left as they are',
  });
}

/** Connects and binds; the returned session counts every request it makes. */
export async function openLdap(ldap: SiteLdap, password: string | undefined): Promise<LdapSession> {
  const url = ldap.url.replace(/\/$/, '');
  const ca = ldap.caFile ? readFileSync(ldap.caFile) : undefined;
  // ldapts speaks TLS from the first byte whenever tlsOptions are given, so they go to the
  // constructor only for ldaps://; StartTLS gets its own object (ldapts adds the socket to it).
  const client = new Client({
    url,
    timeout: ldap.timeoutMs,
    connectTimeout: ldap.timeoutMs,
    ...(ca && url.startsWith('ldaps:') ? { tlsOptions: { ca } } : {}),
  });
  const stats: LdapStats = { requests: 0, searches: 0, pages: 0, entries: 0 };
  try {
    if (ldap.startTls) {
      stats.requests++;
      await client.startTLS(ca ? { ca } : {});
    }
    if (ldap.bindDn) {
      stats.requests++;
      await client.bind(ldap.bindDn, password ?? '');
    }
  } catch (err) {
    await client.unbind().catch(() => undefined);
    throw ldapError(url, ldap.startTls && !client.isConnected ? 'StartTLS' : 'bind', err, ldap.bindDn);
  }
  return {
    stats,
    async searchAll(base, filter, attributes, scope) {
      const out: Entry[] = [];
      stats.searches++;
      try {
        for await (const page of client.searchPaginated(base, {
          scope,
          filter,
          attributes,
          paged: { pageSize: ldap.pageSize },
        })) {
          stats.requests++;
          stats.pages++;
          for (const e of page.searchEntries) out.push(e);
        }
      } catch (err) {
        throw ldapError(url, `search ${base} ${filter}`, err);
      }
      stats.entries += out.length;
      return out;
    },
    async read(dn, attributes) {
      stats.requests++;
      stats.searches++;
      try {
        const r = await client.search(dn, { scope: 'base', attributes });
        stats.entries += r.searchEntries.length;
        return r.searchEntries[0];
      } catch (err) {
        if (err instanceof ResultCodeError && err.code === 32) return undefined;
        throw ldapError(url, `read ${dn}`, err);
      }
    },
    async close() {
      await client.unbind().catch(() => undefined);
    },
  };
}

/** Attribute values as an array of strings (ldapts gives one value bare, several as an array). */
export function values(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  if (key === undefined) return [];
  const v = entry[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}
