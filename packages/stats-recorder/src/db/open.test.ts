import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptDatabaseError, ForeignDatabaseError, SchemaTooNewError } from './errors.js';
import { openStatsDb, schemaVersion, withStatsDb } from './open.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('stats-db-');
});
afterEach(() => dir.remove());

const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('openStatsDb', () => {
  it('creates a new database in WAL mode with our application id and the current schema', () => {
    const db = openStatsDb(dir.join('new.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
    db.close();
  });

  it('refuses a text file and leaves it untouched', () => {
    const p = dir.join('notes.db');
    writeFileSync(p, 'these are my notes, not a database\n');
    const before = hash(p);
    expect(() => openStatsDb(p)).toThrow(ForeignDatabaseError);
    expect(() => openStatsDb(p)).toThrow(/not an SQLite database/);
    expect(hash(p)).toBe(before);
  });

  it("refuses a file whose header stops short of SQLite's, after giving a writer time to finish it", () => {
    const p = dir.join('partial.db');
    writeFileSync(p, 'SQLite fo');
    expect(() => openStatsDb(p, { busyTimeoutMs: 200 })).toThrow(/not an SQLite database/);
    expect(readFileSync(p, 'utf8')).toBe('SQLite fo');
  });

  it("refuses another application's SQLite database and leaves it untouched", () => {
    const p = dir.join('other.db');
    const other = new Database(p);
    other.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5)',
    );
    other.close();
    const before = hash(p);
    expect(() => openStatsDb(p)).toThrow(/SQLite database with 1 objects not made by stats-recorder/);
    expect(hash(p)).toBe(before);
  });

  it('reports a damaged file as corrupt and does not write to it', () => {
    const p = dir.join('broken.db');
    openStatsDb(p).close();
    const fd = openSync(p, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100); // page 1 after the header: the schema page
    closeSync(fd);
    const before = hash(p);
    const err = (() => {
      try {
        openStatsDb(p);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CorruptDatabaseError);
    expect(String((err as Error).message)).toMatch(/database is damaged/);
    expect(hash(p)).toBe(before);
  });

  it('refuses a schema newer than it knows', () => {
    const p = dir.join('future.db');
    const db = openStatsDb(p);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStatsDb(p)).toThrow(SchemaTooNewError);
  });

  it('migrates an older schema forward, once, keeping the data', () => {
    const p = dir.join('old.db');
    openStatsDb(p).close();
    const next = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        describe: 'test: a note column',
        up: (db: Database.Database) => db.exec('ALTER TABLE sample ADD COLUMN note TEXT'),
      },
    ];
    withStatsDb(p, {}, (db) => db.prepare('INSERT INTO sample (ts, interval_s) VALUES (1, NULL)').run());
    const db = openStatsDb(p, { migrations: next });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT ts, note FROM sample').all()).toEqual([{ ts: 1, note: null }]);
    db.close();
    openStatsDb(p, { migrations: next }).close(); // second open: nothing to do, no error
    expect(() => openStatsDb(p, { readonly: true })).toThrow(SchemaTooNewError);
  });

  it('a read-only open of a missing file says so instead of creating it', () => {
    expect(() => openStatsDb(dir.join('missing.db'), { readonly: true })).toThrow(/no such database/);
  });
});
