// Benchmark of issue #7: one year of 10-minute samples for a host with 200 guests (~10.5 M guest
// rows). Prints each figure beside a naive baseline measured in the same run, as a ratio.
// Run: npx vitest run --config vitest.bench.config.ts --project stats-recorder
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderTable } from '@opskit/core';
import Database from 'better-sqlite3';
import { it } from 'vitest';
import {
  buildReport,
  type GuestSnapshot,
  guestValues,
  openStatsDb,
  readHostSnapshot,
  recordSample,
  type StatsDb,
  summarize,
  summarizeRows,
  writeSample,
} from '../src/index.js';
import { generateYear } from './generate.js';
import { NAIVE_SCHEMA, naiveInsert } from './naive.js';

const GUESTS = 200;
const SAMPLES = 365 * 144;
const START = Date.UTC(2025, 10, 1) / 1000;
const END = START + (SAMPLES - 1) * 600;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function guests(tick: number): GuestSnapshot[] {
  return Array.from({ length: GUESTS }, (_, g) => ({
    name: `vm-${String(g + 1).padStart(3, '0')}.example.net`,
    state: 4,
    vcpus: 2,
    cpuDs: 1000 * tick + g,
    memKib: 2 << 20,
    netRxKib: 5000 * tick,
    netTxKib: 1500 * tick,
    vbdRd: 300 * tick,
    vbdWr: 600 * tick,
    vbdRsect: 4800 * tick,
    vbdWsect: 4800 * tick,
  }));
}

function fileBytes(db: StatsDb, path: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(path).size;
}

/** The same per-guest report with the (guest, ts) key unusable: SQLite must scan the table. */
function guestReportNoIndex(db: StatsDb, id: number, from: number, to: number) {
  const rows = db
    .prepare(
      'SELECT s.interval_s AS interval_s, x.* FROM guest_sample x JOIN sample s ON s.ts = x.ts ' +
        'WHERE +x.guest = ? AND +x.ts > ? AND +x.ts <= ? ORDER BY x.ts',
    )
    .all(id, from, to) as (Record<string, number | null> & { ts: number; interval_s: number | null })[];
  return summarizeRows(
    'guest',
    rows.map((r) => ({ ts: r.ts, intervalS: r.interval_s, values: guestValues(r, r.interval_s) })),
  );
}

/** The same top-10 report from one scan without the index. */
function topNoIndex(db: StatsDb, from: number, to: number, n: number) {
  const rows = db
    .prepare(
      'SELECT x.guest AS guest, x.cpu_ds AS cpu, s.interval_s AS s FROM guest_sample x JOIN sample s ON s.ts = x.ts ' +
        'WHERE +x.ts > ? AND +x.ts <= ?',
    )
    .all(from, to) as { guest: number; cpu: number | null; s: number | null }[];
  const by = new Map<number, { v: (number | null)[]; w: (number | null)[] }>();
  for (const r of rows) {
    const e = by.get(r.guest) ?? { v: [], w: [] };
    e.v.push(r.cpu === null || !r.s ? null : (r.cpu * 10) / r.s);
    e.w.push(r.s);
    by.set(r.guest, e);
  }
  return [...by]
    .map(([g, e]) => ({ g, ...summarize(e.v, e.w) }))
    .sort((a, b) => (b.avg ?? 0) - (a.avg ?? 0))
    .slice(0, n);
}

it('stats-recorder: a year of 10-minute samples for 200 guests', () => {
  const path = join(tmpdir(), `stats-bench-${process.pid}.db`);
  const naivePath = join(tmpdir(), `stats-bench-naive-${process.pid}.db`);
  const cleanup = () => {
    for (const p of [path, naivePath]) for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true });
  };
  cleanup();
  try {
    const db = openStatsDb(path);
    const genMs = time(() => generateYear(db, { start: START, samples: SAMPLES, guests: GUESTS }));
    const guestRows = (db.prepare('SELECT count(*) AS n FROM guest_sample').get() as { n: number }).n;
    const bytes = fileBytes(db, path);
    const guestTable = (
      db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name = 'guest_sample'").get() as { b: number }
    ).b;

    // Naive table size per row, measured on 30 days of the same rows (per-row size does not depend on count).
    // Opened as the 2010 script did: SQLite defaults (rollback journal, synchronous FULL).
    const naive = new Database(naivePath);
    naive.exec(NAIVE_SCHEMA);
    const put = naiveInsert(naive);
    const naiveRows = 30 * 144 * GUESTS;
    naive.transaction(() => {
      for (let i = 0; i < 30 * 144; i++)
        for (let g = 1; g <= GUESTS; g++) put(START + i * 600, g, (i * 7 + g * 13) % 5000);
    })();
    const naiveBytes = fileBytes(naive, naivePath) / naiveRows;

    // Recording one sample of 200 guests into the year-old database: one transaction per sample.
    const host = readHostSnapshot();
    let tick = 1;
    let ts = END;
    const rec = () => {
      ts += 600;
      tick++;
      return writeSample(db, { now: ts * 1000, host, bootId: 'bench', guests: guests(tick), minGapS: 300 });
    };
    rec(); // first sample after the generated year: counter state starts
    const recordMs = median(Array.from({ length: 21 }, () => time(rec)));
    const e2eMs = median(
      Array.from({ length: 5 }, () =>
        time(() => {
          ts += 600;
          tick++;
          // Full path: read /proc, open the database (ownership, WAL, schema), write, close.
          recordSample({ db: path, now: ts * 1000, guests: guests(tick), minGapS: 0 });
        }),
      ),
    );
    // Baseline: the 2010 way, one INSERT per guest, each its own transaction (autocommit) in the
    // naive table with SQLite's default rollback journal.
    const oneByOne = () => {
      ts += 600;
      for (let g = 1; g <= GUESTS; g++) put(ts, g, g * 10);
    };
    const recordBaseMs = median(Array.from({ length: 5 }, () => time(oneByOne)));

    // 30-day per-guest report (library call: query, rates, avg/max/p95) vs the same without the index.
    const to = END;
    const month = { from: to - 30 * 86400, to };
    const ids = [17, 42, 99, 150, 199];
    const guestMs = median(
      ids.map((id) =>
        time(() => buildReport(db, { range: month, guest: `vm-${String(id).padStart(3, '0')}.example.net` })),
      ),
    );
    const guestBaseMs = median(
      ids.slice(0, 3).map((id) => time(() => guestReportNoIndex(db, id, month.from, month.to))),
    );

    // 1-day top-10 report vs the same from an unindexed scan.
    const dayRange = { from: to - 86400, to };
    let top: string[] = [];
    const topMs = median(
      Array.from({ length: 5 }, () =>
        time(() => {
          top = buildReport(db, { range: dayRange, top: 10, by: 'cpu' }).top!.guests.map((g) => g.name);
        }),
      ),
    );
    let topBase: number[] = [];
    const topBaseMs = median(
      Array.from({ length: 3 }, () =>
        time(() => {
          topBase = topNoIndex(db, dayRange.from, dayRange.to, 10).map((x) => x.g);
        }),
      ),
    );
    if (top.join() !== topBase.map((g) => `vm-${String(g).padStart(3, '0')}.example.net`).join())
      throw new Error(`top-10 differs from the baseline: ${top.join()} vs ${topBase.join()}`);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');

    const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
    const ratio = (a: number, b: number) => `${(b / a).toFixed(1)}x`;
    process.stdout.write(
      `\nstats-recorder benchmark: ${GUESTS} guests, ${SAMPLES} samples (365 days of 10 min), ` +
        `${guestRows.toLocaleString('en')} guest rows, generated in ${(genMs / 1000).toFixed(1)} s\n\n` +
        renderTable(
          ['figure', 'stats-recorder', 'naive baseline', 'baseline / ours', 'target'],
          [
            [
              'record one sample, 200 guests (1 transaction)',
              fmt(recordMs),
              `${fmt(recordBaseMs)} (1 tx/row, naive)`,
              ratio(recordMs, recordBaseMs),
              '< 20 ms',
            ],
            ['  same, end to end (read /proc, open, write, close)', fmt(e2eMs), '', '', ''],
            [
              'database size per guest-sample',
              `${(bytes / guestRows).toFixed(1)} B`,
              `${naiveBytes.toFixed(1)} B (text names, REAL)`,
              ratio(bytes / guestRows, naiveBytes),
              '< 60 B',
            ],
            ['  guest table alone', `${(guestTable / guestRows).toFixed(1)} B`, '', '', ''],
            [
              '30-day per-guest report',
              fmt(guestMs),
              `${fmt(guestBaseMs)} (no index)`,
              ratio(guestMs, guestBaseMs),
              '< 200 ms',
            ],
            [
              '1-day top-10 guests by CPU',
              fmt(topMs),
              `${fmt(topBaseMs)} (no index)`,
              ratio(topMs, topBaseMs),
              '< 100 ms',
            ],
          ],
          { alignRight: [1, 2, 3] },
        ) +
        `\ndatabase file ${(bytes / 1e6).toFixed(0)} MB at ${path}\n` +
        `plan, per guest: ${plan('SELECT * FROM guest_sample x WHERE x.guest = 1 AND x.ts > 0 AND x.ts <= 1')}\n` +
        `plan, baseline:  ${plan('SELECT * FROM guest_sample x WHERE +x.guest = 1 AND +x.ts > 0 AND +x.ts <= 1')}\n\n`,
    );
    naive.close();
    db.close();
  } finally {
    cleanup();
  }
}, 1_200_000);
