// apache: write the httpd configuration, checked with `apache2 -t` inside a throwaway server
// configuration that loads the modules it needs, before it replaces the live file. Without apache2
// the run fails; only an explicit --no-check (check: false) installs it unchecked.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ConfigError, exec, OpskitError } from '@opskit/core';
import { installPrepared, prepareFile } from '../install.js';
import { renderApacheConfig } from '../render/apache.js';
import type { Site } from '../site.js';
import type { FilesReport } from './websvn.js';

const MODULES: [string, string][] = [
  ['mpm_event_module', 'mod_mpm_event.so'],
  ['authn_core_module', 'mod_authn_core.so'],
  ['authz_core_module', 'mod_authz_core.so'],
  ['authz_user_module', 'mod_authz_user.so'],
  ['auth_basic_module', 'mod_auth_basic.so'],
  ['alias_module', 'mod_alias.so'],
  ['dir_module', 'mod_dir.so'],
  ['ldap_module', 'mod_ldap.so'],
  ['authnz_ldap_module', 'mod_authnz_ldap.so'],
  ['dav_module', 'mod_dav.so'],
  ['dav_svn_module', 'mod_dav_svn.so'],
  ['authz_svn_module', 'mod_authz_svn.so'],
];

export interface ApacheOptions {
  site: Site;
  dryRun?: boolean;
  /** Directory of the Apache modules (default /usr/lib/apache2/modules, Debian). */
  moduleDir?: string;
  /**
   * Check the configuration with `apache2 -t` before installing it (default true). When apache2 is
   * missing the run fails unless this is false: then the file is installed unchecked, with a warning.
   */
  check?: boolean;
}

const SEARCH = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The httpd binary: OPSKIT_APACHE2, else apache2 or httpd on PATH or in the sbin directories. */
export function apacheBinary(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['OPSKIT_APACHE2'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw missing(`apache2 not found: ${fromEnv} (OPSKIT_APACHE2)`);
  }
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter(Boolean), ...SEARCH];
  for (const name of ['apache2', 'httpd'])
    for (const dir of dirs) if (existsSync(join(dir, name))) return join(dir, name);
  throw missing(`apache2 not found (neither apache2 nor httpd on PATH or in ${SEARCH.join(', ')})`);
}

function missing(message: string): OpskitError {
  return new OpskitError('E_APACHE_MISSING', `${message}: the configuration cannot be checked`, {
    hint: 'install apache2 (or set OPSKIT_APACHE2), or give --no-check to install it unchecked; the live file was left as it was',
  });
}

/** `apache2 -t` on a minimal server configuration that includes the candidate. */
export function apacheChecker(moduleDir: string) {
  return async (candidate: string): Promise<string[]> => {
    const bin = apacheBinary();
    const dir = mkdtempSync(join(tmpdir(), 'websvn-authz-httpd-'));
    try {
      const conf = join(dir, 'httpd.conf');
      writeFileSync(
        conf,
        [
          `ServerRoot ${dir}`,
          `DefaultRuntimeDir ${dir}`,
          `PidFile ${join(dir, 'httpd.pid')}`,
          `ErrorLog ${join(dir, 'error.log')}`,
          'ServerName localhost',
          'Listen 127.0.0.1:1',
          ...MODULES.map(([name, file]) => `LoadModule ${name} ${join(moduleDir, file)}`),
          `Include ${candidate}`,
          '',
        ].join('\n'),
      );
      const r = await exec(bin, ['-t', '-f', conf], { reject: false, timeoutMs: 60_000 });
      if (r.exitCode !== 0) {
        throw new OpskitError(
          'E_APACHE_INVALID',
          `apache2 -t rejected the generated configuration: ${`${r.stdout}${r.stderr}`.trim()}`,
          {
            hint: 'the live file was left as it was',
          },
        );
      }
      return [];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export async function apache(options: ApacheOptions): Promise<FilesReport> {
  const { site } = options;
  if (!site.apache)
    throw new ConfigError('the site file has no apache section', { file: site.file, field: 'apache' });
  const text = renderApacheConfig(site);
  const checker =
    options.check === false
      ? async () => [`${site.apache!.output}: not checked with apache2 -t (--no-check)`]
      : apacheChecker(options.moduleDir ?? '/usr/lib/apache2/modules');
  const prepared = [await prepareFile(site.apache.output, text, checker, '.conf')];
  const files = await installPrepared(prepared, options.dryRun ?? false);
  return { files, warnings: files.flatMap((f) => f.warnings) };
}
