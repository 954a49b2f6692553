// A throwaway OpenLDAP slapd for tests: its own slapd.conf and mdb database in a temp dir, loaded
// offline with slapadd, serving only on 127.0.0.1 at a free port. Stop it in teardown.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, startDaemon } from './daemon.js';
import { freePort } from './process.js';
import { makeTempDir, type TempDir } from './temp.js';

export interface SlapdOptions {
  /** Suffix of the one mdb database (default dc=example,dc=org). */
  suffix?: string;
  /** Root DN and its password (default cn=admin,<suffix> / secret). */
  rootDn?: string;
  rootPw?: string;
  /** LDIF text loaded with slapadd before the server starts (must include the suffix entry). */
  ldif?: string;
  /** Server-side size limit for searches (`sizelimit` in slapd.conf); default unlimited. */
  sizeLimit?: number | string;
  /** Extra slapd.conf lines for the database section (indexes, limits, access rules). */
  extraDatabaseConfig?: string[];
  /** Map size of the mdb database in bytes (default 1 GiB). */
  maxSize?: number;
  /**
   * Serve TLS too: a throwaway CA and a server certificate for IP 127.0.0.1 are made with openssl;
   * StartTLS works on `url` and `ldapsUrl` speaks TLS from the start.
   */
  tls?: boolean;
}

export interface Slapd {
  url: string;
  port: number;
  /** ldaps://127.0.0.1:PORT when started with tls. */
  ldapsUrl: string | undefined;
  /** PEM file of the CA that signed the server certificate (tls only). */
  caFile: string | undefined;
  suffix: string;
  rootDn: string;
  rootPw: string;
  dir: TempDir;
  /** Starts the server again on the same port after stop(). */
  start(): Promise<void>;
  /** Stops the server (the database stays, start() brings it back). */
  stop(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';

function need(program: string): void {
  if (!existsSync(program)) {
    throw new Error(
      `${program} is missing: install the Debian packages slapd and ldap-utils (apt-get install slapd ldap-utils)`,
    );
  }
}

/** A CA and a server certificate (SAN IP:127.0.0.1) made with the openssl command. */
function makeCertificates(dir: TempDir): void {
  const run = (args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir.path, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=opskit test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  ]);
  run([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  ]);
  writeFileSync(
    dir.join('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'server.pem',
  ]);
}

function renderConf(
  dir: TempDir,
  o: Required<Omit<SlapdOptions, 'ldif' | 'sizeLimit' | 'tls'>> & SlapdOptions,
): string {
  return [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/nis.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${dir.join('slapd.pid')}`,
    `argsfile ${dir.join('slapd.args')}`,
    ...(o.sizeLimit === undefined ? [] : [`sizelimit ${o.sizeLimit}`]),
    ...(o.tls
      ? [
          `TLSCACertificateFile ${dir.join('ca.pem')}`,
          `TLSCertificateFile ${dir.join('server.pem')}`,
          `TLSCertificateKeyFile ${dir.join('server.key')}`,
        ]
      : []),
    'database mdb',
    `maxsize ${o.maxSize}`,
    `suffix "${o.suffix}"`,
    `rootdn "${o.rootDn}"`,
    `rootpw ${o.rootPw}`,
    `directory ${dir.join('db')}`,
    'index objectClass eq',
    'index uid,cn,memberUid,member,uniqueMember eq',
    ...o.extraDatabaseConfig,
    '',
  ].join('\n');
}

/** Starts slapd with the given data; fails with a clear message when slapd is not installed. */
export async function startSlapd(options: SlapdOptions = {}): Promise<Slapd> {
  need(SLAPD);
  need(SLAPADD);
  const suffix = options.suffix ?? 'dc=example,dc=org';
  const o = {
    suffix,
    rootDn: options.rootDn ?? `cn=admin,${suffix}`,
    rootPw: options.rootPw ?? 'secret',
    extraDatabaseConfig: options.extraDatabaseConfig ?? [],
    maxSize: options.maxSize ?? 1024 * 1024 * 1024,
    sizeLimit: options.sizeLimit,
    tls: options.tls,
  };
  const dir = makeTempDir('opskit-slapd-');
  mkdirSync(dir.join('db'));
  if (options.tls) makeCertificates(dir);
  const conf = dir.join('slapd.conf');
  writeFileSync(conf, renderConf(dir, o));
  if (options.ldif) {
    const ldifPath = dir.join('data.ldif');
    writeFileSync(ldifPath, options.ldif);
    const add = spawnSync(SLAPADD, ['-q', '-f', conf, '-l', ldifPath], { encoding: 'utf8' });
    if (add.status !== 0) {
      dir.remove();
      throw new Error(`slapadd failed (${add.status}): ${add.stderr}`);
    }
  }
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const tlsPort = options.tls ? await freePort() : undefined;
  const ldapsUrl = tlsPort === undefined ? undefined : `ldaps://127.0.0.1:${tlsPort}`;
  let daemon: Daemon | undefined;

  const start = async (): Promise<void> => {
    const listeners = ldapsUrl ? `${url}/ ${ldapsUrl}/` : `${url}/`;
    daemon = await startDaemon(SLAPD, ['-f', conf, '-h', listeners, '-d', '0'], {
      name: 'slapd',
      ports: tlsPort === undefined ? [port] : [port, tlsPort],
      waitingFor: `slapd on ${url}`,
      killAfterMs: 10_000,
    });
  };
  const stop = async (): Promise<void> => {
    const running = daemon;
    daemon = undefined;
    await running?.stop();
  };
  await start();
  return {
    url,
    port,
    ldapsUrl,
    caFile: options.tls ? dir.join('ca.pem') : undefined,
    suffix,
    rootDn: o.rootDn,
    rootPw: o.rootPw,
    dir,
    start,
    stop,
    async destroy() {
      await stop();
      dir.remove();
    },
  };
}

/** Path of the slapd.conf a running Slapd uses (for slapcat and friends in tests). */
export function slapdConfPath(slapd: Slapd): string {
  return join(slapd.dir.path, 'slapd.conf');
}
