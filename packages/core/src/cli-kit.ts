// The shared CLI conventions: global flags, help and version, completion, and the one boundary that
// turns results and errors into exit codes. Every opskit bin goes through runCli.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';

export type { Argv };

import { type Clock, realClock } from './clock.js';
import { describeError, ExitCode, NagiosCode, OpskitError, UsageError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { redact } from './redact.js';

export interface GlobalOptions {
  verbose: boolean;
  debug: boolean;
  json: boolean;
  config: string | undefined;
  dryRun: boolean;
  logFile: string | undefined;
}

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CommandContext {
  log: Logger;
  clock: Clock;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Environment (OPSKIT_* settings sit between flags and files in precedence). */
  env: NodeJS.ProcessEnv;
  global: GlobalOptions;
}

export type CommandArgs = Record<string, unknown> & GlobalOptions;

export interface CommandSpec {
  /** yargs command string, e.g. `run <filer...>`. */
  command: string;
  describe: string;
  aliases?: string[];
  builder?: (y: Argv) => Argv;
  /** Monitoring command: usage and unexpected errors exit 3 (UNKNOWN) instead of 2/1. */
  nagios?: boolean;
  /** Does the work; returns the exit code (default 0). */
  run: (args: CommandArgs, ctx: CommandContext) => Promise<number | undefined>;
}

export interface CliSpec {
  name: string;
  version: string;
  description: string;
  commands: CommandSpec[];
  /** Offer --dry-run globally. */
  dryRun?: boolean;
  /** Offer --config globally, with this description. */
  configDescription?: string;
  epilog?: string;
}

export interface CliIo {
  stdout?: OutputStream;
  stderr?: OutputStream;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}

/** Reads the version of the package containing `moduleUrl` (works from src/ and dist/). */
export function packageVersion(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < 3; i++) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      dir = dirname(dir);
    }
  }
  return '0.0.0';
}

/** Parses argv, runs the chosen command and returns the exit code. Never calls process.exit. */
export async function runCli(spec: CliSpec, argv: string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  let exitCode: number = ExitCode.OK;
  let nagios = false;
  let debug = argv.includes('--debug');
  let helpText = '';

  const { default: yargs } = await import('yargs');
  const parser = yargs(argv)
    .scriptName(spec.name)
    .usage(`$0 <command> [options]\n\n${spec.description}`)
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'More detail in the log' })
    .option('debug', { type: 'boolean', default: false, describe: 'Debug log and stack traces on errors' })
    .option('json', { type: 'boolean', default: false, describe: 'Machine-readable output (JSON)' })
    .option('log-file', { type: 'string', describe: 'Also append JSON log lines to this file' })
    .strict()
    .demandCommand(1, 'a command is required')
    .recommendCommands()
    .completion('completion', 'Print a shell completion script (bash/zsh)')
    .help()
    .alias('help', 'h')
    .version(spec.version)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg ?? 'invalid usage', { hint: `see ${spec.name} --help` });
    });
  if (spec.dryRun) {
    parser.option('dry-run', {
      alias: 'n',
      type: 'boolean',
      default: false,
      describe: 'Show what would be done, change nothing',
    });
  }
  if (spec.configDescription) {
    parser.option('config', { alias: 'c', type: 'string', describe: spec.configDescription });
  }
  if (spec.epilog) parser.epilog(spec.epilog);

  for (const cmd of spec.commands) {
    parser.command({
      command: cmd.command,
      describe: cmd.describe,
      aliases: cmd.aliases ?? [],
      builder: (y: Argv) => (cmd.builder ? cmd.builder(y) : y),
      handler: async (args: Record<string, unknown>) => {
        nagios = cmd.nagios ?? false;
        const global: GlobalOptions = {
          verbose: Boolean(args['verbose']),
          debug: Boolean(args['debug']),
          json: Boolean(args['json']),
          config: args['config'] as string | undefined,
          dryRun: Boolean(args['dryRun']),
          logFile: args['logFile'] as string | undefined,
        };
        debug = global.debug;
        const clock = io.clock ?? realClock;
        const log = createLogger({
          level: global.debug ? 'debug' : global.verbose ? 'info' : 'warn',
          json: global.json,
          stream: stderr,
          file: global.logFile,
          now: () => clock.now(),
        });
        const code = await cmd.run({ ...args, ...global }, { log, clock, stdout, stderr, env, global });
        exitCode = typeof code === 'number' ? code : ExitCode.OK;
      },
    });
  }

  try {
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      if (output) helpText = output;
    });
    if (helpText) stdout.write(helpText.endsWith('\n') ? helpText : `${helpText}\n`);
    return exitCode;
  } catch (err) {
    if (!nagios) {
      const verb = argv.find((a) => !a.startsWith('-'));
      nagios = spec.commands.some(
        (c) => c.nagios && [c.command.split(' ')[0], ...(c.aliases ?? [])].includes(verb),
      );
    }
    stderr.write(`${spec.name}: ${nagios ? 'UNKNOWN: ' : 'error: '}${describeError(err)}\n`);
    if (debug && err instanceof Error && err.stack) stderr.write(`${redact(err.stack)}\n`);
    if (nagios) return NagiosCode.UNKNOWN;
    if (err instanceof OpskitError) return err.exitCode;
    return ExitCode.FAILURE;
  }
}

/** The bin entry: runs the CLI on process.argv and sets the process exit code (the one place per CLI). */
export async function main(spec: CliSpec): Promise<void> {
  // `tool ... | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await runCli(spec, process.argv.slice(2));
}

/** Writes data as pretty JSON followed by a newline. */
export function printJson(out: OutputStream, data: unknown): void {
  out.write(`${JSON.stringify(data, null, 2)}\n`);
}
