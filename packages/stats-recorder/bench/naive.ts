// The naive baseline, as in the original 2010 script: one wide rowid table, the guest name as text
// in every row, REAL columns, no index, one transaction per inserted row.
import type Database from 'better-sqlite3';

export const NAIVE_SCHEMA = `CREATE TABLE sa (date INTEGER, server TEXT, state TEXT, vcpus INTEGER, cpu REAL, mem REAL,
  netrx REAL, nettx REAL, vbdrd REAL, vbdwr REAL, vbdrsect REAL, vbdwsect REAL)`;

export function naiveInsert(db: Database.Database) {
  const ins = db.prepare('INSERT INTO sa VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  return (ts: number, g: number, v: number) =>
    ins.run(
      ts,
      `vm-${String(g).padStart(3, '0')}.example.net`,
      '--b---',
      2,
      v * 0.1,
      2048.0,
      v * 1.5,
      v * 0.5,
      v,
      v,
      v * 8,
      v * 8,
    );
}
