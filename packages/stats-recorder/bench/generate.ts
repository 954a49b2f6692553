// Generates a year of 10-minute samples for a host with N guests directly into the schema, in
// time order (as the recorder writes them: every guest's row lands in the middle of the tree),
// one transaction per day. Values are deterministic pseudo-random, with daily curves.
import type { StatsDb } from '../src/index.js';

export interface GenerateOptions {
  start: number;
  samples: number;
  guests: number;
  ifaces?: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export function generateYear(db: StatsDb, o: GenerateOptions): void {
  const rnd = rng(42);
  const ifaces = o.ifaces ?? 2;
  const entity = db.prepare('INSERT INTO entity (id, kind, name) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let g = 1; g <= o.guests; g++) entity.run(g, 3, `vm-${String(g).padStart(3, '0')}.example.net`);
    for (let i = 1; i <= ifaces; i++) entity.run(o.guests + i, 1, `eth${i - 1}`);
    entity.run(o.guests + ifaces + 1, 2, 'sda');
  })();
  const sample = db.prepare('INSERT INTO sample (ts, interval_s) VALUES (?, ?)');
  const host = db.prepare('INSERT INTO host_sample VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const net = db.prepare('INSERT INTO net_sample VALUES (?, ?, ?, ?, ?, ?)');
  const disk = db.prepare('INSERT INTO disk_sample VALUES (?, ?, ?, ?, ?, ?)');
  const guest = db.prepare('INSERT INTO guest_sample VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const weight = Array.from({ length: o.guests }, () => rnd());
  const day = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const ts = o.start + i * 600;
      const curve = 0.5 + 0.5 * Math.sin((((ts % 86400) / 3600 - 9) / 24) * 2 * Math.PI);
      const first = i === 0;
      sample.run(ts, first ? null : 600);
      const busy = 0.1 + 0.5 * curve;
      host.run(
        ts,
        Math.round(400 * busy),
        300,
        250,
        ...(first
          ? [null, null, null, null, null]
          : [Math.round(960000 * busy), 60000, 9000, 3000, Math.round(960000 * (0.9 - busy))]),
        263_000_000,
        40_000_000,
        8_000_000,
        7_900_000,
        first ? null : 0,
        first ? null : 0,
      );
      for (let k = 1; k <= ifaces; k++) {
        const b = first ? null : Math.round(600 * 1e6 * busy * rnd());
        net.run(
          o.guests + k,
          ts,
          b,
          b === null ? null : b >> 2,
          b === null ? null : b >> 10,
          b === null ? null : b >> 12,
        );
      }
      const r = first ? null : Math.round(600 * 400 * busy * rnd());
      disk.run(o.guests + ifaces + 1, ts, r, r, r === null ? null : r * 16, r === null ? null : r * 8);
      for (let g = 1; g <= o.guests; g++) {
        if (first) {
          guest.run(g, ts, 4, 2, null, 2048, null, null, null, null, null, null);
          continue;
        }
        const w = weight[g - 1]! * busy;
        const x = rnd();
        guest.run(
          g,
          ts,
          x < 0.3 ? 32 : 4,
          2 + (g % 3) * 2,
          Math.round(6000 * 2 * w * x),
          1024 * (1 + (g % 8)),
          Math.round(600 * 500 * w * x),
          Math.round(600 * 150 * w * x),
          Math.round(600 * 20 * w * x),
          Math.round(600 * 40 * w * x),
          Math.round(600 * 20 * w * x * 16),
          Math.round(600 * 40 * w * x * 8),
        );
      }
    }
  });
  for (let i = 0; i < o.samples; i += 144) day(i, Math.min(o.samples, i + 144));
}
