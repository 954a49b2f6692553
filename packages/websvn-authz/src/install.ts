// Installing a generated file without ever leaving a broken one live: compare with the live file,
// show a unified diff for --dry-run, check the candidate (svnauthz, php -l, ...) on a private copy,
// then replace the live file atomically (write, fsync, rename) keeping its mode.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, OpskitError, writeFileAtomic } from '@opskit/core';

export type InstallStatus = 'unchanged' | 'created' | 'updated' | 'would-create' | 'would-update';

export interface InstallOutcome {
  file: string;
  status: InstallStatus;
  /** Unified diff from the live file to the candidate (empty when unchanged). */
  diff: string;
  warnings: string[];
}

/** Checks the candidate at `path`; returns warnings, or throws when the candidate must not be installed. */
export type Checker = (path: string) => Promise<string[]>;

export function readLive(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new OpskitError('E_READ', `cannot read live file ${file}: ${(err as Error).message}`);
  }
}

/** Unified diff by the system's diff(1); labels name the live file and the candidate. */
export async function unifiedDiff(file: string, live: string | undefined, next: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'websvn-authz-diff-'));
  try {
    const a = join(dir, 'live');
    const b = join(dir, 'next');
    writeFileSync(a, live ?? '');
    writeFileSync(b, next);
    const r = await exec(
      'diff',
      ['-u', '--label', live === undefined ? '/dev/null' : file, '--label', file, a, b],
      {
        reject: false,
      },
    );
    if (r.exitCode !== 0 && r.exitCode !== 1)
      throw new OpskitError('E_DIFF', `diff failed: ${r.stderr.trim()}`);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PreparedFile {
  file: string;
  text: string;
  live: string | undefined;
  warnings: string[];
}

/** Checks a candidate on a private copy (same bytes that will be installed). Throws if the check fails. */
export async function prepareFile(
  file: string,
  text: string,
  check?: Checker,
  ext = '',
): Promise<PreparedFile> {
  const live = readLive(file);
  let warnings: string[] = [];
  if (check && live !== text) {
    const dir = mkdtempSync(join(tmpdir(), 'websvn-authz-check-'));
    try {
      const candidate = join(dir, `candidate${ext}`);
      writeFileSync(candidate, text, { mode: 0o600 });
      warnings = await check(candidate);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { file, text, live, warnings };
}

/** Installs prepared files (or, with dryRun, only reports them). Unchanged files are not touched. */
export async function installPrepared(files: PreparedFile[], dryRun: boolean): Promise<InstallOutcome[]> {
  const out: InstallOutcome[] = [];
  for (const f of files) {
    if (f.live === f.text) {
      out.push({ file: f.file, status: 'unchanged', diff: '', warnings: f.warnings });
      continue;
    }
    const diff = await unifiedDiff(f.file, f.live, f.text);
    if (!dryRun) {
      const mode = f.live === undefined ? undefined : statSync(f.file).mode & 0o7777;
      writeFileAtomic(f.file, f.text, mode === undefined ? {} : { mode });
    }
    const created = f.live === undefined;
    out.push({
      file: f.file,
      status: dryRun ? (created ? 'would-create' : 'would-update') : created ? 'created' : 'updated',
      diff,
      warnings: f.warnings,
    });
  }
  return out;
}
