// A throwaway Apache httpd 2.4 for tests: `apache2 -f` on its own httpd.conf in a temp dir, listening
// only on 127.0.0.1 at a free port, loading the modules asked for from /usr/lib/apache2/modules.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { startDaemon } from './daemon.js';
import { freePort } from './process.js';
import { makeTempDir, type TempDir } from './temp.js';

const APACHE = '/usr/sbin/apache2';
const MODULE_DIR = '/usr/lib/apache2/modules';

/** Modules in load order; Debian builds them all as shared objects. */
export const SVN_LDAP_MODULES = [
  'mpm_event',
  'authn_core',
  'authz_core',
  'authz_user',
  'auth_basic',
  'alias',
  'dir',
  'mime',
  'ldap',
  'authnz_ldap',
  'dav',
  'dav_svn',
  'authz_svn',
];

const MODULE_FILES: Record<string, string> = {
  dav_svn: 'mod_dav_svn.so',
  authz_svn: 'mod_authz_svn.so',
};

export interface ApacheOptions {
  /** Configuration included after the generated server set-up (e.g. the file under test). */
  include: string[];
  /** Modules to load (default SVN_LDAP_MODULES). */
  modules?: string[];
  /**
   * User and group the worker processes run as when started by root (default www-data). Everything
   * they read or write (repositories, authz files) must be accessible to that user.
   */
  runAs?: string;
  logLevel?: string;
}

export interface Apache {
  port: number;
  baseUrl: string;
  dir: TempDir;
  confPath: string;
  errorLog(): string;
  stop(): Promise<void>;
}

function loadLine(mod: string): string {
  const file = MODULE_FILES[mod] ?? `mod_${mod}.so`;
  const path = `${MODULE_DIR}/${file}`;
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: install apache2 and libapache2-mod-svn (apt-get install apache2 libapache2-mod-svn)`,
    );
  }
  return `LoadModule ${mod}_module ${path}`;
}

/** Checks a configuration with `apache2 -t`; returns the exit status and output. */
export function apacheConfigTest(confPath: string): { ok: boolean; output: string } {
  const r = spawnSync(APACHE, ['-t', '-f', confPath], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Starts Apache in the foreground on a free loopback port; fails clearly when apache2 is missing. */
export async function startApache(options: ApacheOptions): Promise<Apache> {
  if (!existsSync(APACHE)) throw new Error(`${APACHE} is missing: install the Debian package apache2`);
  const dir = makeTempDir('opskit-apache-');
  chmodSync(dir.path, 0o755);
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const runAs = options.runAs ?? 'www-data';
  const conf = [
    `ServerRoot ${dir.path}`,
    `Listen 127.0.0.1:${port}`,
    'ServerName 127.0.0.1',
    `PidFile ${dir.join('httpd.pid')}`,
    `ErrorLog ${dir.join('error.log')}`,
    `LogLevel ${options.logLevel ?? 'warn'}`,
    `DefaultRuntimeDir ${dir.path}`,
    `Mutex file:${dir.path} default`,
    ...(options.modules ?? SVN_LDAP_MODULES).map(loadLine),
    ...(asRoot ? [`User ${runAs}`, `Group ${runAs}`] : []),
    'StartServers 1',
    'ServerLimit 2',
    'ThreadsPerChild 8',
    'MaxRequestWorkers 16',
    'TypesConfig /etc/mime.types',
    ...options.include.map((f) => `Include ${f}`),
    '',
  ].join('\n');
  const confPath = dir.join('httpd.conf');
  writeFileSync(confPath, conf);
  const test = apacheConfigTest(confPath);
  if (!test.ok) {
    dir.remove();
    throw new Error(`apache2 -t rejected the configuration:\n${test.output}`);
  }
  const errorLog = () => {
    try {
      return readFileSync(dir.join('error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const daemon = await startDaemon(APACHE, ['-f', confPath, '-DFOREGROUND'], {
    name: 'apache2',
    ports: [port],
    waitingFor: `apache2 on port ${port}`,
    captureStdout: true,
    extraOutput: errorLog,
    killAfterMs: 15_000,
  });
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    dir,
    confPath,
    errorLog,
    async stop() {
      await daemon.stop();
      dir.remove();
    },
  };
}
