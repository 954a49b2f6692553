// The opskit error hierarchy and the exit codes the CLI boundary maps them to.
import { redact } from './redact.js';

export const ExitCode = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
} as const;

export const NagiosCode = {
  OK: 0,
  WARNING: 1,
  CRITICAL: 2,
  UNKNOWN: 3,
} as const;
export type NagiosStatus = keyof typeof NagiosCode;

export interface OpskitErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
}

/** Base of every expected failure: a stable machine code, a one-line message and an optional hint. */
export class OpskitError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  /** The exit code the CLI boundary uses for this error. */
  readonly exitCode: number = ExitCode.FAILURE;

  constructor(code: string, message: string, options: OpskitErrorOptions = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint === undefined ? undefined : redact(options.hint);
  }
}

/** A bad command line: exit 2. */
export class UsageError extends OpskitError {
  override readonly exitCode: number = ExitCode.USAGE;
  constructor(message: string, options: OpskitErrorOptions = {}) {
    super('E_USAGE', message, options);
  }
}

export interface ConfigLocation {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  field?: string | undefined;
}

/** A bad configuration or input file: names file:line (and the field) and what was expected. Exit 2. */
export class ConfigError extends OpskitError {
  override readonly exitCode: number = ExitCode.USAGE;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly problems: readonly string[];

  constructor(
    message: string,
    where: ConfigLocation = {},
    options: OpskitErrorOptions & { problems?: string[] } = {},
  ) {
    super('E_CONFIG', `${formatLocation(where)}${message}`, options);
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.problems = options.problems ?? [];
  }
}

export function formatLocation(where: ConfigLocation): string {
  const parts: string[] = [];
  if (where.file) parts.push(where.line ? `${where.file}:${where.line}` : where.file);
  else if (where.line) parts.push(`line ${where.line}`);
  if (where.field) parts.push(where.field);
  return parts.length ? `${parts.join(': ')}: ` : '';
}

/** A peer (filer, LDAP server, SNMP agent) failed or answered something unusable. */
export class RemoteError extends OpskitError {
  readonly peer: string;
  /** Whether trying again later may succeed (connection-level failures, 5xx). */
  readonly transient: boolean;
  constructor(
    peer: string,
    message: string,
    options: OpskitErrorOptions & { code?: string; transient?: boolean } = {},
  ) {
    super(options.code ?? 'E_REMOTE', `${peer}: ${message}`, options);
    this.peer = redact(peer);
    this.transient = options.transient ?? false;
  }
}

/** Another instance holds the lock: a cron run that must not overlap. */
export class LockedError extends OpskitError {
  readonly holderPid: number | undefined;
  constructor(path: string, holderPid: number | undefined) {
    super('E_LOCKED', `lock ${path} is held by running process ${holderPid ?? '(unknown)'}`, {
      hint: 'another run is still in progress; this run exits without doing anything',
    });
    this.holderPid = holderPid;
  }
}

export function isOpskitError(err: unknown): err is OpskitError {
  return err instanceof OpskitError;
}

/** One line for the CLI boundary: the message, its hint, and no stack. */
export function describeError(err: unknown): string {
  if (err instanceof OpskitError) return err.hint ? `${err.message} (${err.hint})` : err.message;
  if (err instanceof Error) return redact(err.message);
  return redact(String(err));
}
