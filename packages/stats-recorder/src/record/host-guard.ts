// A database holds one host's history: recording another host's figures into it (a copied or
// imported file, a restored backup on the wrong machine) would silently mix two machines.
import { OpskitError } from '@opskit/core';
import type { StatsDb } from '../db/open.js';
import { hostname } from '../report/query.js';
import { sameHost } from '../sar/guard.js';

/** The database records another host than this one. Exit 2. */
export class RecordHostMismatchError extends OpskitError {
  override readonly exitCode: number = 2;
  constructor(
    readonly file: string,
    readonly dbHost: string,
    readonly localHost: string,
  ) {
    super(
      'E_DB_HOST',
      `${file}: this database records host "${dbHost}", but this is host "${localHost}"; nothing was recorded`,
      {
        hint:
          'record into a database of this host (a different --db), or --force to record here anyway ' +
          `(the database then records "${localHost}")`,
      },
    );
  }
}

/** Throws RecordHostMismatchError unless the stored hostname names this host (or is unset, or force). */
export function checkRecordHost(
  db: StatsDb,
  localHost: string | undefined,
  file: string,
  force = false,
): void {
  const dbHost = hostname(db);
  if (force || !localHost || dbHost === undefined) return;
  if (!sameHost(dbHost, localHost)) throw new RecordHostMismatchError(file, dbHost, localHost);
}
