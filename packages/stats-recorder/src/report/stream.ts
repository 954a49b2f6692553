// Exports written series by series straight from the database, so a year of 200 guests never sits
// in memory (or in one string): CSV and timestamped OpenMetrics.
import { UsageError } from '@opskit/core';
import type { StatsDb } from '../db/open.js';
import { csvHeader, csvRows, openMetricsFamilyHeader, openMetricsLines } from './export.js';
import { METRICS, type SeriesKind, type SeriesRow } from './metrics.js';
import { entityId, hostname, listEntities, queryHost, querySeries } from './query.js';
import type { TimeRange } from './range.js';

export type Write = (chunk: string) => void;

function entities(
  db: StatsDb,
  kind: Exclude<SeriesKind, 'host'>,
  only?: string,
): { id: number; name: string }[] {
  if (only === undefined) return listEntities(db, kind);
  const id = entityId(db, kind, only);
  if (id === undefined) throw new UsageError(`no ${kind} "${only}" in this database`);
  return [{ id, name: only }];
}

/** One CSV table (see renderCsv), written per entity. `only` restricts it to one interface, disk or guest. */
export function writeCsv(
  db: StatsDb,
  range: TimeRange,
  section: SeriesKind,
  write: Write,
  only?: string,
): void {
  write(csvHeader(section));
  if (section === 'host') {
    write(csvRows(section, 'host', queryHost(db, range)));
    return;
  }
  for (const e of entities(db, section, only)) {
    const rows = querySeries(db, section, e.id, range);
    if (rows.length) write(csvRows(section, e.name, rows));
  }
}

/**
 * Every series as timestamped OpenMetrics gauges. A family's samples must be contiguous, so each
 * family re-reads its series (range seeks) instead of holding everything.
 */
export function writeOpenMetrics(
  db: StatsDb,
  range: TimeRange,
  write: Write,
  options: { guest?: string } = {},
): void {
  const host = hostname(db) ?? 'localhost';
  const kinds: SeriesKind[] = options.guest ? ['guest'] : ['host', 'iface', 'disk', 'guest'];
  for (const kind of kinds) {
    const hostRows = kind === 'host' ? queryHost(db, range) : [];
    const list = kind === 'host' ? [] : entities(db, kind, kind === 'guest' ? options.guest : undefined);
    if (kind === 'host' ? !hostRows.length : !list.length) continue;
    for (const d of METRICS[kind]) {
      write(openMetricsFamilyHeader(d));
      const emit = (name: string, rows: SeriesRow[]) => {
        const lines = openMetricsLines(kind, d, host, name, rows);
        if (lines) write(lines);
      };
      if (kind === 'host') emit('host', hostRows);
      else for (const e of list) emit(e.name, querySeries(db, kind, e.id, range));
    }
  }
  write('# EOF\n');
}
