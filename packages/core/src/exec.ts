// Running programs: argument arrays only (never a shell string), timeouts, output caps and a dry-run recorder.
import { OpskitError } from './errors.js';
import { redact } from './redact.js';

export interface ExecOptions {
  cwd?: string;
  /** Extra environment variables (merged over the current environment unless `extendEnv` is false). */
  env?: Record<string, string | undefined>;
  extendEnv?: boolean;
  /** Kill the program (SIGTERM, then SIGKILL after 2 s) after this many ms. */
  timeoutMs?: number;
  /** Cap on stdout and stderr each, in bytes (default 16 MiB); beyond it the program is killed. */
  maxOutputBytes?: number;
  /** Text written to the program's standard input. */
  input?: string;
  /** When false, a non-zero exit returns a result instead of throwing (default true). */
  reject?: boolean;
  signal?: AbortSignal;
}

export interface ExecResult {
  command: string;
  args: readonly string[];
  exitCode: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  failed: boolean;
  /** True when the output cap was hit and the program was stopped. */
  truncated: boolean;
  /** True when this result was recorded by a dry run, not produced by running anything. */
  dryRun: boolean;
}

const STDERR_TAIL = 2000;

/** A program failed: carries the command, the exit code or signal, and the tail of standard error. */
export class ExecError extends OpskitError {
  readonly result: ExecResult;
  constructor(result: ExecResult, reason: string, hint?: string) {
    const tail = result.stderr.trim().slice(-STDERR_TAIL);
    super('E_EXEC', `${formatCommand(result.command, result.args)}: ${reason}${tail ? `: ${tail}` : ''}`, {
      hint,
    });
    this.result = result;
  }
  get exitCodeOfProgram(): number | undefined {
    return this.result.exitCode;
  }
  get stderrTail(): string {
    return this.result.stderr.slice(-STDERR_TAIL);
  }
}

export function formatCommand(command: string, args: readonly string[]): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return redact([command, ...args].map(quote).join(' '));
}

export interface Executor {
  run(command: string, args?: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Commands recorded (dry run) or run, in order. */
  readonly history: readonly { command: string; args: readonly string[]; cwd?: string | undefined }[];
  readonly dryRun: boolean;
}

export interface ExecutorOptions {
  dryRun?: boolean;
  /** The result a dry run returns for a recorded command (default: success with empty output). */
  dryRunResult?: (command: string, args: readonly string[]) => Partial<ExecResult>;
}

/** Runs a program and returns its result; throws ExecError on failure unless `reject: false`. */
export async function exec(
  command: string,
  args: readonly string[] = [],
  options: ExecOptions = {},
): Promise<ExecResult> {
  if (typeof command !== 'string' || command.length === 0)
    throw new Error('exec: command must be a non-empty string');
  const started = performance.now();
  const maxBuffer = options.maxOutputBytes ?? 16 * 1024 * 1024;
  const { execa } = await import('execa');
  const sub = await execa(command, [...args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.extendEnv ?? true,
    timeout: options.timeoutMs,
    forceKillAfterDelay: 2000,
    maxBuffer,
    input: options.input,
    stdin: options.input === undefined ? 'ignore' : undefined,
    cancelSignal: options.signal,
    reject: false,
    stripFinalNewline: false,
    encoding: 'utf8',
  });
  const result: ExecResult = {
    command,
    args: [...args],
    exitCode: sub.exitCode,
    signal: sub.signal,
    stdout: String(sub.stdout ?? ''),
    stderr: String(sub.stderr ?? ''),
    durationMs: performance.now() - started,
    timedOut: Boolean(sub.timedOut),
    failed: Boolean(sub.failed),
    truncated: Boolean(sub.isMaxBuffer),
    dryRun: false,
  };
  if (!result.failed || options.reject === false) {
    if (result.failed && isMissingProgram(sub)) throw missingProgram(result);
    return result;
  }
  if (isMissingProgram(sub)) throw missingProgram(result);
  if (result.timedOut) throw new ExecError(result, `timed out after ${options.timeoutMs} ms`);
  if (result.truncated) throw new ExecError(result, `output exceeded ${maxBuffer} bytes`);
  if (result.signal) throw new ExecError(result, `killed by ${result.signal}`);
  throw new ExecError(result, `exited with code ${result.exitCode}`);
}

function isMissingProgram(sub: { code?: string | undefined; originalMessage?: string | undefined }): boolean {
  return sub.code === 'ENOENT' || /\bENOENT\b/.test(sub.originalMessage ?? '');
}

function missingProgram(result: ExecResult): ExecError {
  return new ExecError(
    { ...result, exitCode: 127 },
    `program not found: ${result.command}`,
    `install the package that provides "${result.command}" or check PATH`,
  );
}

/** An executor that runs for real, or in dry-run mode records the commands and runs nothing. */
export function createExecutor(options: ExecutorOptions = {}): Executor {
  const history: { command: string; args: readonly string[]; cwd?: string | undefined }[] = [];
  const dryRun = options.dryRun ?? false;
  return {
    history,
    dryRun,
    async run(command, args = [], runOptions = {}) {
      history.push({ command, args: [...args], cwd: runOptions.cwd });
      if (!dryRun) return exec(command, args, runOptions);
      return {
        command,
        args: [...args],
        exitCode: 0,
        signal: undefined,
        stdout: '',
        stderr: '',
        durationMs: 0,
        timedOut: false,
        failed: false,
        truncated: false,
        ...options.dryRunResult?.(command, args),
        dryRun: true,
      };
    },
  };
}
