// The real `svnauthz` (subversion package): validates a candidate authz file and answers access
// questions. Exit codes (1.14): 0 ok / 1 invalid syntax / 2 operational error / 3 --is mismatch.
import { exec, OpskitError } from '@opskit/core';

export interface ValidateResult {
  ok: boolean;
  /** svnauthz's own words (syntax errors, warnings such as empty groups). */
  messages: string[];
}

const program = () => process.env['OPSKIT_SVNAUTHZ'] ?? 'svnauthz';

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Runs `svnauthz validate FILE`. A syntax error is ok: false; a missing program or file throws. */
export async function svnauthzValidate(file: string): Promise<ValidateResult> {
  const r = await exec(program(), ['validate', file], { reject: false, timeoutMs: 120_000 });
  if (r.exitCode === 0) return { ok: true, messages: lines(r.stderr) };
  if (r.exitCode === 1) return { ok: false, messages: lines(`${r.stderr}${r.stdout}`) };
  throw new OpskitError(
    'E_SVNAUTHZ',
    `svnauthz validate ${file} failed (exit ${r.exitCode}): ${r.stderr.trim()}`,
  );
}

export type SvnAccess = 'rw' | 'r' | 'no';

export interface AccessQuery {
  repository: string;
  path: string;
  /** undefined: anonymous. */
  user: string | undefined;
}

/** `svnauthz accessof` for one question. */
export async function svnauthzAccessOf(file: string, q: AccessQuery): Promise<SvnAccess> {
  const args = ['accessof', '--repository', q.repository, '--path', q.path];
  if (q.user !== undefined) args.push('--username', q.user);
  args.push(file);
  const r = await exec(program(), args, { reject: false, timeoutMs: 60_000 });
  const out = r.stdout.trim();
  if (r.exitCode !== 0 || !['rw', 'r', 'no'].includes(out)) {
    throw new OpskitError(
      'E_SVNAUTHZ',
      `svnauthz ${args.join(' ')} failed (exit ${r.exitCode}): ${r.stderr.trim()}`,
    );
  }
  return out as SvnAccess;
}
