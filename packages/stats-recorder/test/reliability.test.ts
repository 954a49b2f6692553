// Real processes against one database file: kill -9 in the middle of a sample, recorders started
// together, and a report reading while a recorder holds its write transaction.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { builtBin, makeTempDir, runNode, type TempDir, waitFor } from '@opskit/testkit';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { xentopText } from './xentop-gen.js';

const bin = builtBin('stats-recorder', 'cli.js');
const require = createRequire(import.meta.url);
let dir: TempDir;
const children: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, TZ: 'UTC', ...env } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const done = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return { child, stdout: () => out, stderr: () => err, done };
}

/** A separate process that holds the write lock of `db` for `ms`, then commits. */
function holdWriteLock(db: string, ms: number): Running {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(db)});
    db.exec('BEGIN IMMEDIATE');
    console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script]);
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const done = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return { child, stdout: () => out, stderr: () => err, done };
}

/** Samples are keyed by the second: the next one must be in a later second. */
const nextSecond = () => new Promise((res) => setTimeout(res, 1100));

async function inTransaction(r: Running): Promise<void> {
  try {
    await waitFor(
      () => r.stderr().includes('in transaction') || r.child.exitCode !== null,
      60_000,
      'the recorder',
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; stdout: ${r.stdout()} stderr: ${r.stderr()}`);
  }
  if (!r.stderr().includes('in transaction')) {
    throw new Error(`recorder exited ${r.child.exitCode}: ${r.stdout()} ${r.stderr()}`);
  }
}

function counts(db: string): { samples: number; guests: number; hosts: number; integrity: string } {
  const d = new Database(db, { readonly: true });
  try {
    const n = (sql: string) => (d.prepare(sql).get() as { n: number }).n;
    return {
      samples: n('SELECT count(*) AS n FROM sample'),
      guests: n('SELECT count(*) AS n FROM guest_sample'),
      hosts: n('SELECT count(*) AS n FROM host_sample'),
      integrity: d.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    d.close();
  }
}

beforeEach(() => {
  dir = makeTempDir('stats-rel-');
  writeFileSync(dir.join('x1.txt'), xentopText(200, 1));
  writeFileSync(dir.join('x2.txt'), xentopText(200, 2));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  dir.remove();
});

describe('reliability with real processes', { timeout: 120_000 }, () => {
  it('kill -9 in the middle of a sample leaves the database consistent, without a partial sample', async () => {
    const db = dir.join('k.db');
    const first = await runNode(bin, ['record', '--db', db, '--xentop-file', dir.join('x1.txt')]);
    expect(first.code).toBe(0);
    expect(counts(db)).toEqual({ samples: 1, guests: 200, hosts: 1, integrity: 'ok' });
    await nextSecond();

    const r = start(['record', '--db', db, '--xentop-file', dir.join('x2.txt'), '--interval', '1s'], {
      STATS_RECORDER_TEST_PAUSE_IN_TX_MS: '60000',
    });
    await inTransaction(r);
    r.child.kill('SIGKILL');
    await r.done;
    expect(r.child.signalCode).toBe('SIGKILL');

    // 100 of the 200 guest rows had been written inside the transaction: none of them is visible.
    expect(counts(db)).toEqual({ samples: 1, guests: 200, hosts: 1, integrity: 'ok' });
    const again = await runNode(bin, [
      'record',
      '--db',
      db,
      '--xentop-file',
      dir.join('x2.txt'),
      '--interval',
      '1s',
    ]);
    expect(again.code).toBe(0);
    expect(counts(db)).toEqual({ samples: 2, guests: 400, hosts: 2, integrity: 'ok' });
  });

  it('recorders started together write the sample once', async () => {
    const db = dir.join('c.db');
    const runs = [1, 2, 3].map(() =>
      start(['record', '--db', db, '--xentop-file', dir.join('x1.txt'), '--json'], {
        // Each holds its write transaction for a moment, so the others must wait on the busy timeout.
        STATS_RECORDER_TEST_PAUSE_IN_TX_MS: '1500',
      }),
    );
    const codes = await Promise.all(runs.map((r) => r.done));
    expect(codes).toEqual([0, 0, 0]);
    const results = runs.map((r) => JSON.parse(r.stdout()) as { recorded: boolean; skipped?: string });
    expect(results.filter((x) => x.recorded)).toHaveLength(1);
    for (const x of results.filter((y) => !y.recorded))
      expect(x.skipped).toMatch(/previous sample is only|not older/);
    expect(counts(db)).toEqual({ samples: 1, guests: 200, hosts: 1, integrity: 'ok' });
  });

  it('recorders started together on a new database all succeed or skip, round after round', async () => {
    // Each round races on a file that does not exist yet: one creates it, the others must wait for
    // it instead of taking a half-initialised file for a foreign one (exit 2).
    for (let round = 1; round <= 5; round++) {
      const db = dir.join(`fresh-${round}.db`);
      const runs = [1, 2, 3, 4].map(() =>
        start(['record', '--db', db, '--xentop-file', dir.join('x1.txt'), '--json']),
      );
      const codes = await Promise.all(runs.map((r) => r.done));
      const detail = runs.map((r) => r.stderr()).join('');
      expect({ round, codes, detail }).toEqual({ round, codes: [0, 0, 0, 0], detail: '' });
      const results = runs.map((r) => JSON.parse(r.stdout()) as { recorded: boolean; skipped?: string });
      expect(results.filter((x) => x.recorded)).toHaveLength(1);
      for (const x of results.filter((y) => !y.recorded))
        expect(x.skipped).toMatch(/previous sample is only|not older/);
      expect(counts(db)).toEqual({ samples: 1, guests: 200, hosts: 1, integrity: 'ok' });
    }
  });

  it('a recorder waits out a writer that holds the database longer than 10 s (prune --vacuum)', async () => {
    const db = dir.join('v.db');
    expect((await runNode(bin, ['record', '--db', db, '--guests', 'none'])).code).toBe(0);
    await nextSecond();
    // Another process holds the write lock for 12 s, as a VACUUM of a large file does.
    const holder = holdWriteLock(db, 12_000);
    await waitFor(() => holder.stdout().includes('locked'), 60_000, 'the lock holder');
    const r = start(['record', '--db', db, '--guests', 'none', '--interval', '1s', '--wait', '60s']);
    const def = start(['record', '--db', db, '--guests', 'none']); // default wait: half of 10m
    expect(await r.done).toBe(0);
    expect(await def.done).toBe(0);
    expect(r.stdout()).toMatch(/recorded sample/);
    expect(def.stdout()).toMatch(/sample skipped|recorded sample/);
    expect(await holder.done).toBe(0);
    expect(counts(db)).toMatchObject({ samples: 2, integrity: 'ok' });
  });

  it('a recorder that waited its --wait out says the database stayed locked, exit 1', async () => {
    const db = dir.join('w.db');
    expect((await runNode(bin, ['record', '--db', db, '--guests', 'none'])).code).toBe(0);
    await nextSecond();
    const holder = holdWriteLock(db, 8_000);
    await waitFor(() => holder.stdout().includes('locked'), 60_000, 'the lock holder');
    const r = start(['record', '--db', db, '--guests', 'none', '--interval', '1s', '--wait', '1s']);
    expect(await r.done).toBe(1);
    expect(r.stderr()).toMatch(/w\.db: the database stayed locked by another process for 1 s/);
    expect(r.stderr()).toMatch(/prune --vacuum/);
    holder.child.kill('SIGKILL');
    await holder.done;
    expect(counts(db)).toMatchObject({ samples: 1, integrity: 'ok' });
  });

  it('a report reads while a recorder holds its write transaction', async () => {
    const db = dir.join('r.db');
    expect((await runNode(bin, ['record', '--db', db, '--xentop-file', dir.join('x1.txt')])).code).toBe(0);
    await nextSecond();
    const w = start(['record', '--db', db, '--xentop-file', dir.join('x2.txt'), '--interval', '1s'], {
      STATS_RECORDER_TEST_PAUSE_IN_TX_MS: '20000',
    });
    await inTransaction(w);
    const rep = await runNode(bin, ['report', '--db', db, '--last', '1h', '--json', '--top', '3']);
    expect(rep.stderr).toBe('');
    expect(rep.code).toBe(0);
    const j = JSON.parse(rep.stdout);
    expect(j.samples).toBe(1); // the sample being written is not visible yet
    expect(w.child.exitCode).toBeNull(); // and the writer was still inside its transaction
    w.child.kill('SIGKILL');
    await w.done;
  });
});
