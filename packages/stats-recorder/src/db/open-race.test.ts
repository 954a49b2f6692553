// Opening a database that another process is creating at that very moment. The other process is
// played by a second connection that initialises the file between two reads of the opener, the
// interleaving that made one of three recorders started together exit 2 (ForeignDatabaseError).
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const hook = vi.hoisted(() => ({ afterRead: undefined as undefined | (() => void) }));

vi.mock('better-sqlite3', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: typeof import('better-sqlite3') }).default;
  type Pragma = (this: unknown, ...a: unknown[]) => unknown;
  const real = Real.prototype.pragma as unknown as Pragma;
  // After every pragma the opener reads, the "other process" gets one chance to run.
  class Interleaved extends Real {}
  (Interleaved.prototype as unknown as { pragma: Pragma }).pragma = function (this: unknown, ...a) {
    const r = real.apply(this, a);
    const f = hook.afterRead;
    hook.afterRead = undefined;
    f?.();
    return r;
  };
  return { default: Interleaved };
});

const { openStatsDb, schemaVersion } = await import('./open.js');
const { APPLICATION_ID, SCHEMA_VERSION } = await import('./schema.js');

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('stats-db-race-');
});
afterEach(() => {
  hook.afterRead = undefined;
  dir.remove();
});

describe('openStatsDb on a database another process is creating', () => {
  it('does not take the file for a foreign one when the other process finishes between two reads', () => {
    const p = dir.join('new.db');
    let other: 'created it' | 'had to wait' | undefined;
    hook.afterRead = () => {
      try {
        openStatsDb(p, { busyTimeoutMs: 0 }).close();
        other = 'created it';
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        other = 'had to wait'; // the opener holds the file: the other one serialises behind it
      }
    };
    const db = openStatsDb(p);
    expect(other).toBeDefined();
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
    openStatsDb(p).close(); // and whoever comes next finds a good database
  });
});
