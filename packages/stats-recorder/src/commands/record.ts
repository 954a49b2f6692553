// `stats-recorder record`: one sample of host and guests into the database.
import { parseDuration, UsageError } from '@opskit/core';
import { type GuestSourceName, readGuests } from '../collect/guests.js';
import { futureToleranceS } from '../record/future.js';
import { type RecordResult, recordSample } from '../record/record.js';

export interface RecordCommandOptions {
  db: string;
  guests: GuestSourceName;
  xentopFile?: string;
  xlFile?: string;
  /** Expected interval ("10m"): a sample closer than half of it to the previous one is skipped. */
  interval: string;
  now: number;
  procRoot?: string;
  /** Delete samples stamped after now (the clock was set back) instead of failing with E_CLOCK. */
  discardFuture?: boolean;
  /** Record even when the database records another host (E_DB_HOST without it). */
  force?: boolean;
  /**
   * How long to wait for the database while another process writes to it ("5m"); default half the
   * interval, at least 10 s: `prune --vacuum` holds the write lock for as long as it copies the file.
   */
  wait?: string;
}

export async function runRecord(o: RecordCommandOptions): Promise<RecordResult & { guestSource: string }> {
  let intervalMs: number;
  try {
    intervalMs = parseDuration(o.interval);
  } catch (err) {
    throw new UsageError(`--interval: ${(err as Error).message}`);
  }
  let waitMs = Math.max(10_000, Math.floor(intervalMs / 2));
  if (o.wait !== undefined) {
    try {
      waitMs = parseDuration(o.wait);
    } catch (err) {
      throw new UsageError(`--wait: ${(err as Error).message}`);
    }
  }
  const reading = await readGuests({
    source: o.guests,
    xentopFile: o.xentopFile,
    xlFile: o.xlFile,
    procRoot: o.procRoot,
  });
  const pauseMs = Number(process.env['STATS_RECORDER_TEST_PAUSE_IN_TX_MS'] ?? 0);
  const result = recordSample({
    db: o.db,
    now: o.now,
    guests: reading.guests,
    minGapS: Math.floor(intervalMs / 2000),
    maxGapS: Math.ceil((intervalMs * 3) / 1000),
    // A newest sample less than one interval ahead is a duplicate run; further ahead, the clock jumped back.
    futureToleranceS: futureToleranceS(intervalMs),
    discardFuture: o.discardFuture,
    force: o.force,
    procRoot: o.procRoot,
    busyTimeoutMs: waitMs,
    // Test hook for the kill -9 test: announce and stall in the middle of the transaction.
    midTransaction: pauseMs
      ? () => {
          process.stderr.write('stats-recorder: in transaction\n');
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
        }
      : undefined,
  });
  return {
    ...result,
    warnings: [...(reading.warnings ?? []), ...result.warnings],
    guestSource: reading.source,
  };
}
