// One sample of everything (host, interfaces, disks, guests) written as one IMMEDIATE transaction.
// Two recorders started together serialise on the write lock; the second finds the fresh sample and
// skips instead of writing the same sample twice.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OpskitError } from '@opskit/core';
import { type HostSnapshot, readHostSnapshot } from '../collect/host.js';
import type { GuestSnapshot } from '../collect/xentop.js';
import { type StatsDb, withStatsDb } from '../db/open.js';
import { EntityKind, type EntityKindName } from '../db/schema.js';
import { type CounterState, type Counters, computeDeltas } from './deltas.js';
import { ClockBehindError, countSamplesAfter, discardSamplesAfter } from './future.js';
import { checkRecordHost } from './host-guard.js';

export interface RecordInput {
  /** Sample time, ms since the epoch. */
  now: number;
  host: HostSnapshot;
  /** Boot identity: a change means every host counter restarted. */
  bootId: string;
  guests: GuestSnapshot[];
  /** Refuse a sample closer than this to the previous one (seconds). */
  minGapS: number;
  /**
   * A longer silence than this (seconds; cron stopped, host suspended) starts new series: a rate
   * averaged over days would show as one ordinary point.
   */
  maxGapS?: number;
  hostname?: string;
  /**
   * Record even when the database's stored hostname names another host (the stored name then
   * becomes `hostname`); without it RecordHostMismatchError (E_DB_HOST).
   */
  force?: boolean;
  /** The database file, for error messages. */
  file?: string;
  /**
   * A newest sample up to this many seconds ahead of `now` is an ordinary duplicate (skipped, no
   * error); further ahead the clock was set back: ClockBehindError (default 120 s).
   */
  futureToleranceS?: number;
  /** Delete samples stamped after `now` (the clock was set back) instead of failing. */
  discardFuture?: boolean;
  /** Test hook: called inside the transaction after half the guest rows are written. */
  midTransaction?: () => void;
}

export interface RecordResult {
  recorded: boolean;
  ts: number;
  /** Set when the sample was not written. */
  skipped?: string;
  intervalS: number | null;
  guests: number;
  ifaces: number;
  disks: number;
  /** Series that restarted in this sample, with the reason. */
  resets: { key: string; reason: string }[];
  /** Problems with the input that did not stop the sample (duplicate guest names). */
  warnings: string[];
  /** Samples stamped after this one that --discard-future deleted. */
  discarded?: number;
}

export function readBootId(procRoot = '/proc'): string {
  try {
    return readFileSync(join(procRoot, 'sys/kernel/random/boot_id'), 'utf8').trim();
  } catch {
    return `btime:${readHostSnapshot({ procRoot }).stat.btime}`;
  }
}

class EntityIds {
  private readonly ids = new Map<string, number>();
  private readonly insert;
  constructor(db: StatsDb) {
    for (const r of db.prepare('SELECT id, kind, name FROM entity').all() as {
      id: number;
      kind: number;
      name: string;
    }[])
      this.ids.set(`${r.kind}:${r.name}`, r.id);
    this.insert = db.prepare('INSERT INTO entity (kind, name) VALUES (?, ?)');
  }
  get(kind: EntityKindName, name: string): number {
    const k = `${EntityKind[kind]}:${name}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = Number(this.insert.run(EntityKind[kind], name).lastInsertRowid);
      this.ids.set(k, id);
    }
    return id;
  }
}

/** Writes one sample into an open database. Pure with respect to its inputs: no /proc access here. */
export function writeSample(db: StatsDb, input: RecordInput): RecordResult {
  const ts = Math.floor(input.now / 1000);
  const base = {
    ts,
    guests: 0,
    ifaces: 0,
    disks: 0,
    resets: [] as RecordResult['resets'],
    warnings: [] as string[],
  };
  const lastTs = () => (db.prepare('SELECT max(ts) AS ts FROM sample').get() as { ts: number | null }).ts;
  const tx = db.transaction((): RecordResult => {
    checkRecordHost(db, input.hostname, input.file ?? 'the database', input.force);
    let last = lastTs();
    let discarded = 0;
    if (last !== null && last - ts > (input.futureToleranceS ?? 120)) {
      if (!input.discardFuture) throw new ClockBehindError(last, ts, countSamplesAfter(db, ts));
      discarded = discardSamplesAfter(db, ts);
      last = lastTs();
    }
    if (last !== null && (ts <= last || ts - last < input.minGapS)) {
      const why =
        ts <= last
          ? `a sample at ${new Date(last * 1000).toISOString()} is not older than this one`
          : `the previous sample is only ${ts - last} s old (minimum gap ${input.minGapS} s)`;
      return { ...base, recorded: false, skipped: why, intervalS: null, ...(discarded ? { discarded } : {}) };
    }
    const intervalS = last === null ? null : ts - last;
    const states = new Map<string, CounterState>();
    for (const r of db.prepare('SELECT key, ts, ident, counters FROM counter_state').all() as {
      key: string;
      ts: number;
      ident: string;
      counters: string;
    }[])
      states.set(r.key, { ts: r.ts, ident: r.ident, counters: JSON.parse(r.counters) as Counters });
    const saveState = db.prepare(
      'INSERT INTO counter_state (key, ts, ident, counters) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET ts = excluded.ts, ident = excluded.ident, counters = excluded.counters',
    );
    const saveBreak = db.prepare('INSERT OR REPLACE INTO series_break (key, ts, reason) VALUES (?, ?, ?)');
    const resets: RecordResult['resets'] = [];
    const gap = last !== null && input.maxGapS !== undefined && ts - last > input.maxGapS;
    // After discarding future samples the raw counters left belong to another time line.
    const forced = discarded
      ? `clock set back: ${discarded} sample(s) stamped after this one discarded`
      : gap
        ? `${ts - last!} s since the previous sample`
        : undefined;
    const delta = (key: string, seen: string, counters: Counters) => {
      // An unknown ident this time (xl list failed) keeps the known one, so the next change shows.
      const ident = seen || states.get(key)?.ident || '';
      const r = forced
        ? { deltas: computeDeltas(undefined, undefined, ident, counters).deltas, reset: forced }
        : computeDeltas(states.get(key), last ?? undefined, ident, counters);
      if (r.reset) {
        resets.push({ key, reason: r.reset });
        saveBreak.run(key, ts, r.reset);
      }
      saveState.run(key, ts, ident, JSON.stringify(counters));
      return r.deltas;
    };
    const ids = new EntityIds(db);
    db.prepare('INSERT INTO sample (ts, interval_s) VALUES (?, ?)').run(ts, intervalS);
    if (input.hostname) {
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('hostname', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(input.hostname);
    }

    const h = input.host;
    const c = h.stat.cpu;
    const hd = delta('host', input.bootId, {
      user: c.user + c.nice,
      system: c.system + c.irq + c.softirq,
      iowait: c.iowait,
      steal: c.steal,
      idle: c.idle,
      swapIn: h.swap.swapIn,
      swapOut: h.swap.swapOut,
    });
    db.prepare(
      'INSERT INTO host_sample VALUES (@ts, @l1, @l5, @l15, @user, @system, @iowait, @steal, @idle, @mt, @ma, @st, @sf, @si, @so)',
    ).run({
      ts,
      l1: Math.round(h.load.load1 * 100),
      l5: Math.round(h.load.load5 * 100),
      l15: Math.round(h.load.load15 * 100),
      user: hd['user'],
      system: hd['system'],
      iowait: hd['iowait'],
      steal: hd['steal'],
      idle: hd['idle'],
      mt: h.mem.totalKib,
      ma: h.mem.availableKib,
      st: h.mem.swapTotalKib,
      sf: h.mem.swapFreeKib,
      si: hd['swapIn'],
      so: hd['swapOut'],
    });

    const net = db.prepare('INSERT INTO net_sample VALUES (?, ?, ?, ?, ?, ?)');
    for (const [name, n] of h.ifaces) {
      const d = delta(`iface:${name}`, input.bootId, { ...n });
      net.run(ids.get('iface', name), ts, d['rxBytes'], d['txBytes'], d['rxPackets'], d['txPackets']);
    }
    const disk = db.prepare('INSERT INTO disk_sample VALUES (?, ?, ?, ?, ?, ?)');
    for (const [name, n] of h.disks) {
      const d = delta(`disk:${name}`, input.bootId, { ...n });
      disk.run(ids.get('disk', name), ts, d['reads'], d['writes'], d['readSectors'], d['writeSectors']);
    }

    const guest = db.prepare('INSERT INTO guest_sample VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const half = Math.floor(input.guests.length / 2);
    const seen = new Set<string>();
    const warnings: string[] = [];
    input.guests.forEach((g, i) => {
      if (i === half) input.midTransaction?.();
      if (seen.has(g.name)) {
        warnings.push(
          `guest name "${g.name}" appears twice (truncated names? xentop needs -f); kept the first`,
        );
        return;
      }
      seen.add(g.name);
      const d = delta(`guest:${g.name}`, g.domid === undefined ? '' : String(g.domid), {
        cpuDs: g.cpuDs,
        netRxKib: g.netRxKib,
        netTxKib: g.netTxKib,
        vbdRd: g.vbdRd,
        vbdWr: g.vbdWr,
        vbdRsect: g.vbdRsect,
        vbdWsect: g.vbdWsect,
      });
      guest.run(
        ids.get('guest', g.name),
        ts,
        g.state,
        g.vcpus,
        d['cpuDs'],
        Math.round(g.memKib / 1024),
        d['netRxKib'],
        d['netTxKib'],
        d['vbdRd'],
        d['vbdWr'],
        d['vbdRsect'],
        d['vbdWsect'],
      );
    });
    if (input.guests.length === 0) input.midTransaction?.();
    return {
      ts,
      recorded: true,
      intervalS,
      guests: seen.size,
      ifaces: h.ifaces.size,
      disks: h.disks.size,
      resets,
      warnings,
      ...(discarded ? { discarded } : {}),
    };
  });
  return tx.immediate();
}

export interface RecordFileOptions extends Omit<RecordInput, 'host' | 'bootId' | 'hostname'> {
  db: string;
  procRoot?: string;
  sysRoot?: string;
  busyTimeoutMs?: number;
}

/** Reads /proc, opens (or creates) the database and writes one sample. */
export function recordSample(options: RecordFileOptions): RecordResult {
  const host = readHostSnapshot({ procRoot: options.procRoot, sysRoot: options.sysRoot });
  const bootId = readBootId(options.procRoot);
  const waitMs = options.busyTimeoutMs ?? 10_000;
  try {
    return withStatsDb(options.db, { busyTimeoutMs: waitMs }, (db) =>
      writeSample(db, { file: options.db, ...options, host, bootId, hostname: hostname() }),
    );
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY'))
      throw new DatabaseBusyError(options.db, waitMs, err);
    throw err;
  }
}

/** Another process held the write lock for longer than the recorder was willing to wait. */
export class DatabaseBusyError extends OpskitError {
  constructor(path: string, waitedMs: number, cause: unknown) {
    super(
      'E_DB_BUSY',
      `${path}: the database stayed locked by another process for ${Math.round(waitedMs / 1000)} s; this sample was not recorded`,
      {
        hint: 'a long "stats-recorder prune --vacuum" holds the lock while it copies the file: schedule it away from the recording times, or give record a longer --wait',
        cause,
      },
    );
  }
}
