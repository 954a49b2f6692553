// The database schema and its migrations. PRAGMA user_version holds the schema version,
// PRAGMA application_id marks the file as ours so a foreign SQLite file is never touched.
import type Database from 'better-sqlite3';

/** "STRC" */
export const APPLICATION_ID = 0x53545243;

export const EntityKind = { iface: 1, disk: 2, guest: 3 } as const;
export type EntityKindName = keyof typeof EntityKind;

export interface Migration {
  version: number;
  describe: string;
  up(db: Database.Database): void;
}

// Sizes matter: a year of 10-minute samples for 200 guests is ~10.5 M guest rows. Rows are
// WITHOUT ROWID tables clustered on (entity, ts), every value an integer (SQLite stores small
// integers in 0-4 bytes; NULL and 0 cost nothing), names live once in `entity`. Counters are
// stored as deltas over the sample's interval (exact, summable when downsampling); NULL = unknown
// (first sample of a series or counter reset).
const V1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE entity (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL,   -- 1 network interface, 2 disk, 3 Xen guest
  name TEXT NOT NULL,
  UNIQUE (kind, name)
) STRICT;
CREATE TABLE sample (
  ts INTEGER PRIMARY KEY,  -- end of the interval, seconds since the epoch (UTC)
  interval_s INTEGER,      -- seconds since the previous sample; NULL for the first one
  resolution INTEGER NOT NULL DEFAULT 0,  -- 0 raw sample, 3600 hourly row made by downsampling
  source INTEGER NOT NULL DEFAULT 0       -- 0 recorder, 1 imported from sysstat
) STRICT;
CREATE TABLE host_sample (
  ts INTEGER PRIMARY KEY,
  load1 INTEGER, load5 INTEGER, load15 INTEGER,       -- hundredths
  cpu_user INTEGER, cpu_system INTEGER, cpu_iowait INTEGER, cpu_steal INTEGER, cpu_idle INTEGER, -- tick deltas
  mem_total INTEGER, mem_avail INTEGER, swap_total INTEGER, swap_free INTEGER,  -- KiB
  swap_in INTEGER, swap_out INTEGER                   -- pages swapped over the interval
) STRICT;
CREATE TABLE net_sample (
  iface INTEGER NOT NULL, ts INTEGER NOT NULL,
  rx_bytes INTEGER, tx_bytes INTEGER, rx_packets INTEGER, tx_packets INTEGER,
  PRIMARY KEY (iface, ts)
) STRICT, WITHOUT ROWID;
CREATE TABLE disk_sample (
  disk INTEGER NOT NULL, ts INTEGER NOT NULL,
  reads INTEGER, writes INTEGER, read_sectors INTEGER, write_sectors INTEGER,
  PRIMARY KEY (disk, ts)
) STRICT, WITHOUT ROWID;
CREATE TABLE guest_sample (
  guest INTEGER NOT NULL, ts INTEGER NOT NULL,
  state INTEGER, vcpus INTEGER,
  cpu_ds INTEGER,                 -- CPU time used over the interval, tenths of a second
  mem_mib INTEGER,
  net_rx_kib INTEGER, net_tx_kib INTEGER,
  vbd_rd INTEGER, vbd_wr INTEGER, vbd_rsect INTEGER, vbd_wsect INTEGER,
  PRIMARY KEY (guest, ts)
) STRICT, WITHOUT ROWID;
CREATE TABLE counter_state (
  key TEXT PRIMARY KEY,           -- host, iface:<name>, disk:<name>, guest:<name>
  ts INTEGER NOT NULL,            -- sample these raw counters belong to
  ident TEXT NOT NULL,            -- boot id or domain id: a change starts a new series
  counters TEXT NOT NULL          -- JSON of the raw cumulative counters
) STRICT, WITHOUT ROWID;
CREATE TABLE series_break (
  key TEXT NOT NULL, ts INTEGER NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (key, ts)
) STRICT, WITHOUT ROWID;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, describe: 'initial schema', up: (db) => db.exec(V1) },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
