// Opening the database: refuse foreign or damaged files before any write, then WAL, busy timeout
// and migrations. The database file is the recorder's only state.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { OpskitError } from '@opskit/core';
import Database from 'better-sqlite3';
import {
  CorruptDatabaseError,
  ForeignDatabaseError,
  isCorruptionError,
  SchemaTooNewError,
} from './errors.js';
import { APPLICATION_ID, MIGRATIONS, type Migration } from './schema.js';

export type StatsDb = Database.Database;

export interface OpenOptions {
  /** Open for reading only (reports); the file must exist. */
  readonly?: boolean;
  /** Create the file when missing (default true unless readonly). */
  create?: boolean;
  /** How long to wait for another writer, ms (default 10 s). */
  busyTimeoutMs?: number;
  /** For tests of the migration runner. */
  migrations?: readonly Migration[];
}

const MAGIC = 'SQLite format 3\0';

function header(path: string): Buffer {
  const buf = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** A header another process is writing right now: shorter than SQLite's, or still zeros. */
function beingWritten(head: Buffer): boolean {
  if (head.length >= 100) return head.subarray(0, 16).every((b) => b === 0);
  const n = Math.min(head.length, 16);
  return head.subarray(0, n).toString('latin1') === MAGIC.slice(0, n) || head.every((b) => b === 0);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function checkFile(path: string, waitMs: number): 'new' | 'existing' {
  if (!existsSync(path)) return 'new';
  const st = statSync(path);
  if (!st.isFile()) throw new ForeignDatabaseError(path, 'not a regular file');
  if (st.size === 0) return 'new';
  // A recorder started at the same moment may be writing the first page: wait for it rather than
  // call its file foreign. A real foreign file does not change and fails at once.
  let head = header(path);
  for (let waited = 0; beingWritten(head) && waited < waitMs; waited += 25) {
    sleep(25);
    head = header(path);
  }
  if (head.subarray(0, 16).toString('latin1') !== MAGIC) {
    throw new ForeignDatabaseError(path, 'not an SQLite database (wrong file header)');
  }
  if (head.length < 100) throw new CorruptDatabaseError(path, 'file shorter than the SQLite header');
  return 'existing';
}

export function openStatsDb(path: string, options: OpenOptions = {}): StatsDb {
  const readonly = options.readonly ?? false;
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  const state = checkFile(path, Math.min(busyTimeoutMs, 5_000));
  if (state === 'new' && (readonly || options.create === false)) {
    throw new OpskitError('E_DB_MISSING', `${path}: no such database`, {
      hint: 'record a sample first (stats-recorder record --db FILE) or check --db',
    });
  }
  let db: StatsDb;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (err) {
    if (isCorruptionError(err)) throw new CorruptDatabaseError(path, (err as Error).message, err);
    throw new OpskitError('E_DB_OPEN', `${path}: cannot open: ${(err as Error).message}`, { cause: err });
  }
  try {
    verifyOwnership(db, path);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = OFF');
    migrate(db, path, options.migrations ?? MIGRATIONS, readonly);
    return db;
  } catch (err) {
    db.close();
    if (isCorruptionError(err)) throw new CorruptDatabaseError(path, (err as Error).message, err);
    throw err;
  }
}

/**
 * An SQLite file with tables is ours only when it carries our application_id. Both figures are read
 * in one transaction: read separately, another recorder creating the schema in between would show
 * "no application_id" and then "tables", and its fresh database would look foreign.
 */
function verifyOwnership(db: StatsDb, path: string): void {
  const read = () => ({
    appId: db.pragma('application_id', { simple: true }) as number,
    objects: (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n,
  });
  const { appId, objects } = db.inTransaction ? read() : db.transaction(read)();
  if (appId === APPLICATION_ID) return;
  if (appId !== 0) {
    throw new ForeignDatabaseError(
      path,
      `SQLite database of another application (application_id 0x${appId.toString(16)})`,
    );
  }
  if (objects > 0)
    throw new ForeignDatabaseError(
      path,
      `SQLite database with ${objects} objects not made by stats-recorder`,
    );
}

/** Runs `fn` on an open database, turning SQLite corruption errors into CorruptDatabaseError. */
export function withStatsDb<T>(path: string, options: OpenOptions, fn: (db: StatsDb) => T): T {
  const db = openStatsDb(path, options);
  try {
    return fn(db);
  } catch (err) {
    if (isCorruptionError(err)) throw new CorruptDatabaseError(path, (err as Error).message, err);
    throw err;
  } finally {
    db.close();
  }
}

export function schemaVersion(db: StatsDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: StatsDb, path: string, migrations: readonly Migration[], readonly: boolean): void {
  const known = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  if (current > known) throw new SchemaTooNewError(path, current, known);
  if (current === known) return;
  if (readonly) {
    throw new OpskitError('E_DB_VERSION', `${path}: schema version ${current} needs an upgrade to ${known}`, {
      hint: 'run any writing command (stats-recorder record or migrate) once',
    });
  }
  // One IMMEDIATE transaction: two processes upgrading at once serialise, the second sees the new version.
  // Ownership is checked again under the write lock: the file may have changed since it was opened.
  db.transaction(() => {
    verifyOwnership(db, path);
    const now = schemaVersion(db);
    if (now === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of migrations) {
      if (m.version <= now) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}
