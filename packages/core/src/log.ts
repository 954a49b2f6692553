// Levelled logging: human lines on a TTY, JSON lines when asked, an optional log file, secrets always redacted.
import { appendFileSync } from 'node:fs';
import { redact, redactValue } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface LogRecord {
  time: string;
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** JSON lines instead of human text. */
  json?: boolean;
  /** Where lines go; standard error by default so standard output stays for data. */
  stream?: { write(chunk: string): unknown; isTTY?: boolean };
  /** Also append JSON lines to this file. */
  file?: string | undefined;
  /** Lowest level written to the file (default debug: the file keeps everything, whatever the console shows). */
  fileLevel?: LogLevel;
  /** Timestamps come from here (an injectable clock). */
  now?: () => number;
  fields?: LogFields;
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  isLevelEnabled(level: LogLevel): boolean;
}

function formatHuman(rec: LogRecord, color: boolean): string {
  const { time, level, msg, ...fields } = rec;
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  const tag = level.toUpperCase().padEnd(5);
  const painted = color
    ? `${{ debug: '\x1b[2m', info: '\x1b[36m', warn: '\x1b[33m', error: '\x1b[31m' }[level]}${tag}\x1b[0m`
    : tag;
  return `${time.slice(11, 19)} ${painted} ${msg}${extra ? ` ${extra}` : ''}\n`;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const min = RANK[options.level ?? 'info'];
  const fileMin = options.file ? RANK[options.fileLevel ?? 'debug'] : Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  const baseFields = options.fields ?? {};
  const json = options.json ?? false;
  const color = !json && Boolean(stream.isTTY) && !process.env['NO_COLOR'];

  const emit = (level: LogLevel, msg: string, fields: LogFields | undefined, bound: LogFields): void => {
    if (RANK[level] < min && RANK[level] < fileMin) return;
    const rec = redactValue({
      time: new Date(now()).toISOString(),
      level,
      msg: redact(msg),
      ...bound,
      ...fields,
    }) as LogRecord;
    if (RANK[level] >= min) stream.write(json ? `${JSON.stringify(rec)}\n` : formatHuman(rec, color));
    if (options.file && RANK[level] >= fileMin) appendFileSync(options.file, `${JSON.stringify(rec)}\n`);
  };

  const make = (bound: LogFields): Logger => ({
    debug: (msg, f) => emit('debug', msg, f, bound),
    info: (msg, f) => emit('info', msg, f, bound),
    warn: (msg, f) => emit('warn', msg, f, bound),
    error: (msg, f) => emit('error', msg, f, bound),
    child: (f) => make({ ...bound, ...f }),
    isLevelEnabled: (level) => RANK[level] >= Math.min(min, fileMin),
  });
  return make(baseFields);
}

/** A logger that drops everything (library default). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
  isLevelEnabled: () => false,
};
