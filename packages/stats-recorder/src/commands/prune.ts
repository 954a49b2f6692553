// `stats-recorder prune`: retention and optional downsampling, then an optional VACUUM.
import { statSync } from 'node:fs';
import { parseDuration, UsageError } from '@opskit/core';
import { withStatsDb } from '../db/open.js';
import { downsampleBefore, type PruneResult, pruneBefore } from '../retention.js';

export interface PruneCommandOptions {
  db: string;
  keep: string;
  downsampleAfter?: string;
  vacuum: boolean;
  now: number;
}

function seconds(text: string, flag: string): number {
  try {
    return Math.round(parseDuration(text) / 1000);
  } catch (err) {
    throw new UsageError(`${flag}: ${(err as Error).message}`);
  }
}

export function runPrune(
  o: PruneCommandOptions,
): PruneResult & { vacuumed: boolean; sizeBefore: number; sizeAfter: number } {
  const now = Math.floor(o.now / 1000);
  const keep = seconds(o.keep, '--keep');
  const after =
    o.downsampleAfter === undefined ? undefined : seconds(o.downsampleAfter, '--downsample-after');
  if (after !== undefined && after >= keep)
    throw new UsageError('--downsample-after must be shorter than --keep');
  return withStatsDb(o.db, { create: false }, (db) => {
    const sizeBefore = statSync(o.db).size;
    const r: PruneResult = pruneBefore(db, now - keep);
    if (after !== undefined) r.downsampled = { before: now - after, ...downsampleBefore(db, now - after) };
    if (o.vacuum) db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { ...r, vacuumed: o.vacuum, sizeBefore, sizeAfter: statSync(o.db).size };
  });
}
