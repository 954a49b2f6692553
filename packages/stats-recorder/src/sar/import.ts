// Imports sysstat history: sadf gives averaged rates per interval, stored back as deltas over the
// interval (rate x seconds) so imported and recorded samples report alike.
import type { StatsDb } from '../db/open.js';
import { EntityKind } from '../db/schema.js';
import { checkSarHost, insideSpan, recorderSpan, type Span } from './guard.js';
import type { SadfData, SadfRecord } from './parse-sadf.js';

export interface ImportResult {
  host: string | undefined;
  imported: number;
  /** Records whose second is already in the database. */
  skipped: number;
  /** Records inside the time the recorder itself covers: skipped, the recorder's figures are kept. */
  overlapping: number;
  /** That time, when the database has recorded samples. */
  recorderSpan?: Span;
  ifaces: number;
  disks: number;
}

export interface ImportOptions {
  /** Import data of another host than the database's (default: refuse with HostMismatchError). */
  force?: boolean;
  /** Names the data in errors. */
  file?: string;
}

const r = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : Math.round(v));

function hostRow(rec: SadfRecord) {
  const h = rec.host;
  const g = (k: string) => h.get(k);
  const s = rec.intervalS;
  // CPU shares are stored as hundredths of a percent: reports only use their ratios.
  const cpu = (v: number | undefined) => r(v === undefined ? undefined : v * 100);
  const sum = (...ks: string[]) =>
    ks.some((k) => h.has(k)) ? ks.reduce((a, k) => a + (h.get(k) ?? 0), 0) : undefined;
  const used = g('kbmemused');
  const pct = g('%memused');
  const total = used !== undefined && pct ? (used * 100) / pct : undefined;
  const avail = g('kbavail') ?? sum('kbmemfree', 'kbbuffers', 'kbcached');
  const swapFree = g('kbswpfree');
  const swapUsed = g('kbswpused');
  return {
    ts: rec.ts,
    l1: cpu(g('ldavg-1')),
    l5: cpu(g('ldavg-5')),
    l15: cpu(g('ldavg-15')),
    user: cpu(sum('%user', '%nice', '%usr')),
    system: cpu(sum('%system', '%sys', '%irq', '%soft')),
    iowait: cpu(g('%iowait')),
    steal: cpu(g('%steal')),
    idle: cpu(g('%idle')),
    mt: r(total),
    ma: r(avail),
    st: swapFree !== undefined && swapUsed !== undefined ? r(swapFree + swapUsed) : null,
    sf: r(swapFree),
    si: r(g('pswpin/s') === undefined ? undefined : g('pswpin/s')! * s),
    so: r(g('pswpout/s') === undefined ? undefined : g('pswpout/s')! * s),
  };
}

export function importSadf(db: StatsDb, data: SadfData, options: ImportOptions = {}): ImportResult {
  const result: ImportResult = {
    host: data.hostname,
    imported: 0,
    skipped: 0,
    overlapping: 0,
    ifaces: 0,
    disks: 0,
  };
  const ifaces = new Set<string>();
  const disks = new Set<string>();
  db.transaction(() => {
    checkSarHost(db, data.hostname, options.file ?? 'sadf data', options.force);
    if (data.hostname !== undefined)
      db.prepare("INSERT INTO meta (key, value) VALUES ('hostname', ?) ON CONFLICT (key) DO NOTHING").run(
        data.hostname,
      );
    const span = recorderSpan(db);
    if (span) result.recorderSpan = span;
    const exists = db.prepare('SELECT 1 FROM sample WHERE ts = ?');
    const insSample = db.prepare('INSERT INTO sample (ts, interval_s, source) VALUES (?, ?, 1)');
    const insHost = db.prepare(
      'INSERT INTO host_sample VALUES (@ts, @l1, @l5, @l15, @user, @system, @iowait, @steal, @idle, @mt, @ma, @st, @sf, @si, @so)',
    );
    const insNet = db.prepare('INSERT INTO net_sample VALUES (?, ?, ?, ?, ?, ?)');
    const insDisk = db.prepare('INSERT INTO disk_sample VALUES (?, ?, ?, ?, ?, ?)');
    const entity = db.prepare(
      'INSERT INTO entity (kind, name) VALUES (?, ?) ON CONFLICT (kind, name) DO UPDATE SET name = excluded.name RETURNING id',
    );
    const ids = new Map<string, number>();
    const id = (kind: number, name: string) => {
      const k = `${kind}:${name}`;
      let v = ids.get(k);
      if (v === undefined) {
        v = (entity.get(kind, name) as { id: number }).id;
        ids.set(k, v);
      }
      return v;
    };
    for (const rec of data.records) {
      if (exists.get(rec.ts)) {
        result.skipped++;
        continue;
      }
      if (insideSpan(span, rec.ts, rec.intervalS)) {
        result.overlapping++;
        continue;
      }
      const s = rec.intervalS;
      insSample.run(rec.ts, s);
      insHost.run(hostRow(rec));
      for (const [name, m] of rec.ifaces) {
        ifaces.add(name);
        const per = (k: string, f = 1) => r(m.get(k) === undefined ? undefined : m.get(k)! * f * s);
        insNet.run(
          id(EntityKind.iface, name),
          rec.ts,
          per('rxkB/s', 1024),
          per('txkB/s', 1024),
          per('rxpck/s'),
          per('txpck/s'),
        );
      }
      for (const [name, m] of rec.disks) {
        disks.add(name);
        const sectors = (kb: string, sec: string) =>
          m.has(kb) ? r(m.get(kb)! * 2 * s) : m.has(sec) ? r(m.get(sec)! * s) : null;
        insDisk.run(
          id(EntityKind.disk, name),
          rec.ts,
          r(m.has('r/s') ? m.get('r/s')! * s : undefined),
          r(m.has('w/s') ? m.get('w/s')! * s : undefined),
          sectors('rkB/s', 'rd_sec/s'),
          sectors('wkB/s', 'wr_sec/s'),
        );
      }
      result.imported++;
    }
  }).immediate();
  result.ifaces = ifaces.size;
  result.disks = disks.size;
  return result;
}
