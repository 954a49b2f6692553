// websvn: write WebSVN's config.php fragment (checked with php -l) and its deny-all global access
// file (checked with svnauthz), matching the repositories on disk right now.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, exec, OpskitError } from '@opskit/core';
import { type InstallOutcome, installPrepared, prepareFile } from '../install.js';
import { DENY_ALL_AUTHZ, renderWebsvnConfig, type WebsvnParent } from '../render/websvn.js';
import { discoverRepositories } from '../repos.js';
import type { Site } from '../site.js';
import { authzChecker } from './sync.js';

export interface FilesReport {
  files: InstallOutcome[];
  warnings: string[];
}

export interface WebsvnOptions {
  site: Site;
  dryRun?: boolean;
}

/** `php -l`: a fragment PHP cannot parse is never installed. */
export async function phpLint(candidate: string): Promise<string[]> {
  const r = await exec(process.env['OPSKIT_PHP'] ?? 'php', ['-l', candidate], {
    reject: false,
    timeoutMs: 60_000,
  });
  if (r.exitCode !== 0) {
    throw new OpskitError(
      'E_PHP_INVALID',
      `php -l rejected the generated WebSVN fragment: ${`${r.stdout}${r.stderr}`.trim()}`,
      {
        hint: 'the live file was left as it was',
      },
    );
  }
  return [];
}

/** The repositories each parent path shows in WebSVN: those on disk (and listed, when the site lists them). */
export function websvnParents(site: Site): { parents: WebsvnParent[]; warnings: string[] } {
  const warnings: string[] = [];
  const parents = site.parents.map((p) => {
    const onDisk = discoverRepositories(p.path);
    let repositories = onDisk;
    if (p.repositories) {
      const disk = new Set(onDisk);
      for (const r of p.repositories) {
        if (!disk.has(r))
          warnings.push(
            `${p.name}: repository ${r} is listed but not on disk under ${p.path}; left out of WebSVN`,
          );
      }
      repositories = p.repositories.filter((r) => disk.has(r)).sort();
    }
    return {
      name: p.name,
      path: p.path,
      authzFile: p.authzFile,
      repositories,
      restrict: p.repositories !== undefined,
    };
  });
  return { parents, warnings };
}

export async function websvn(options: WebsvnOptions): Promise<FilesReport> {
  const { site } = options;
  if (!site.websvn)
    throw new ConfigError('the site file has no websvn section', { file: site.file, field: 'websvn' });
  const denyAllFile =
    site.websvn.denyAllFile ?? join(dirname(site.websvn.output), 'websvn-authz-deny-all.authz');
  const { parents, warnings } = websvnParents(site);
  for (const p of parents) {
    // WebSVN dies on an unreadable access file: never point it at one that is not there.
    if (p.repositories.length && !existsSync(p.authzFile)) {
      throw new OpskitError('E_NO_AUTHZ', `${p.authzFile} (parent path ${p.name}) does not exist`, {
        hint: 'run websvn-authz sync first; nothing was written',
      });
    }
  }
  const text = renderWebsvnConfig({
    siteFile: site.file,
    denyAllFile,
    svnauthzDir: site.websvn.svnauthzDir,
    parents,
  });
  // The deny-all file goes first: the fragment names it and WebSVN dies on an unreadable access file.
  const prepared = [
    await prepareFile(denyAllFile, DENY_ALL_AUTHZ, authzChecker(denyAllFile)),
    await prepareFile(site.websvn.output, text, phpLint, '.php'),
  ];
  const files = await installPrepared(prepared, options.dryRun ?? false);
  return { files, warnings: [...warnings, ...files.flatMap((f) => f.warnings)] };
}
