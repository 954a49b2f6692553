// Parser for `sadf -d` output (semicolon-separated, one `# hostname;interval;timestamp;...` header
// per activity, LINUX-RESTART marker lines). Columns are found by name, so sysstat versions with
// different column sets (rd_sec/s vs rkB/s) parse alike.
import { ConfigError } from '@opskit/core';

export interface SadfRecord {
  ts: number;
  intervalS: number;
  /** Host-wide figures by sar column name (%user, ldavg-5, kbmemfree...). */
  host: Map<string, number>;
  /** Per interface, by column name (rxkB/s...). */
  ifaces: Map<string, Map<string, number>>;
  /** Per block device, by column name (tps, rkB/s...). */
  disks: Map<string, Map<string, number>>;
}

export interface SadfData {
  hostname: string | undefined;
  records: SadfRecord[];
  /** Times of LINUX-RESTART markers (counters restarted). */
  restarts: number[];
}

/** "2016-02-20 08:55:01 UTC" (or local time without the suffix), or epoch seconds from sadf -U. */
export function parseSadfTime(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})( UTC)?$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Date.UTC(y, mo - 1, d, h, mi, s) : new Date(y, mo - 1, d, h, mi, s).getTime();
  return Math.floor(ms / 1000);
}

export function parseSadf(text: string, file = 'sadf -d output'): SadfData {
  const records = new Map<number, SadfRecord>();
  const restarts: number[] = [];
  let hostname: string | undefined;
  let header: string[] | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    const where = { file, line: i + 1 };
    if (line.startsWith('# ')) {
      header = line.slice(2).split(';');
      if (header[0] !== 'hostname' || header[1] !== 'interval' || header[2] !== 'timestamp')
        throw new ConfigError('expected a "# hostname;interval;timestamp;..." header', where);
      continue;
    }
    const f = line.split(';');
    const ts = parseSadfTime(f[2] ?? '');
    if (ts === undefined)
      throw new ConfigError(`cannot read the timestamp "${f[2] ?? ''}"`, where, {
        hint: 'expected the output of sadf -d',
      });
    hostname ??= f[0];
    if (f[1] === '-1') {
      if (/^LINUX-RESTART/.test(f[3] ?? '')) restarts.push(ts);
      continue; // restart and comment records carry no figures
    }
    if (!header) throw new ConfigError('data line before any "# hostname;interval;timestamp" header', where);
    if (f.length !== header.length)
      throw new ConfigError(`expected ${header.length} fields as in the header, found ${f.length}`, where);
    const intervalS = Number(f[1]);
    if (!Number.isFinite(intervalS) || intervalS <= 0)
      throw new ConfigError(`interval: expected seconds, got "${f[1]}"`, where);
    let rec = records.get(ts);
    if (!rec) {
      rec = { ts, intervalS, host: new Map(), ifaces: new Map(), disks: new Map() };
      records.set(ts, rec);
    }
    const key = header[3];
    let target = rec.host;
    let start = 3;
    if (key === 'CPU') {
      if (f[3] !== '-1' && f[3] !== 'all') continue; // per-CPU rows (-P ALL): the total is enough
      start = 4;
    } else if (key === 'IFACE' || key === 'DEV') {
      const map = key === 'IFACE' ? rec.ifaces : rec.disks;
      const name = f[3]!;
      target = map.get(name) ?? new Map();
      map.set(name, target);
      start = 4;
    }
    for (let c = start; c < header.length; c++) {
      const v = Number((f[c] ?? '').replace(',', '.'));
      if (Number.isFinite(v)) target.set(header[c]!, v);
    }
  }
  return { hostname, records: [...records.values()].sort((a, b) => a.ts - b.ts), restarts };
}
