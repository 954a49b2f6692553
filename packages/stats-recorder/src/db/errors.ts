// Errors about the database file itself: it is someone else's, damaged, or from a newer version.
import { OpskitError } from '@opskit/core';

/** The file is not a stats-recorder database (not SQLite, or SQLite written by something else). */
export class ForeignDatabaseError extends OpskitError {
  override readonly exitCode: number = 2;
  constructor(path: string, why: string) {
    super('E_DB_FOREIGN', `${path}: ${why}`, {
      hint: 'the file was left untouched; point --db at a stats-recorder database or a new path',
    });
  }
}

/** SQLite reports the file as damaged. */
export class CorruptDatabaseError extends OpskitError {
  constructor(path: string, detail: string, cause?: unknown) {
    super('E_DB_CORRUPT', `${path}: database is damaged: ${detail}`, {
      hint: 'the file was left untouched; check it with "stats-recorder check", restore a backup or recover it with sqlite3 .recover',
      cause,
    });
  }
}

/** The schema was written by a newer stats-recorder than this one. */
export class SchemaTooNewError extends OpskitError {
  constructor(path: string, found: number, known: number) {
    super(
      'E_DB_VERSION',
      `${path}: schema version ${found} is newer than this stats-recorder knows (${known})`,
      {
        hint: 'upgrade stats-recorder; the file was left untouched',
      },
    );
  }
}

const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
]);

export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (CORRUPT_CODES.has(code) || code.startsWith('SQLITE_CORRUPT'));
}
