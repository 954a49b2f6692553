// Generated nights for benchmarks, tests and the demo: heavy-tailed (log-normal) transfer sizes over
// two source and two receiving filers, with per-filer and global limits and capped links.
import type { SimulationScenario } from './commands/simulate.js';

export interface NightOptions {
  seed: number;
  transfers: number;
  /** Median transfer size in bytes. */
  medianBytes: number;
  /** Log-normal sigma of the sizes (1.2 = heavy tail). */
  sigma: number;
  /** How far the filer's last transfer size is from tonight's (log-normal sigma of the error). */
  predictionNoise: number;
  rateKBps: number;
  linkKBps: number;
  perFiler: { business: number; offHours: number };
  global: { business: number; offHours: number };
  start?: string;
  dialects?: [string, string];
}

/** mulberry32: a small seeded PRNG, so every night is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export function generateNight(o: NightOptions): SimulationScenario {
  const rand = prng(o.seed);
  const pairs = [
    { source: 'prod1', dest: 'dr1', dialect: o.dialects?.[0] ?? 'rest' },
    { source: 'prod2', dest: 'dr2', dialect: o.dialects?.[1] ?? '7mode' },
  ];
  const relationships: SimulationScenario['simulator']['relationships'] = [];
  const schedules: Record<string, string[]> = { dr1: [], dr2: [] };
  for (let i = 0; i < o.transfers; i++) {
    const pair = pairs[i % 2]!;
    const volume = `vol${String(i).padStart(3, '0')}`;
    const bytes = Math.max(1024 ** 2, Math.round(o.medianBytes * Math.exp(o.sigma * normal(rand))));
    const last = Math.max(1024, Math.round(bytes * Math.exp(o.predictionNoise * normal(rand))));
    relationships.push({
      source: `${pair.source}:${volume}`,
      destination: `${pair.dest}:R_${volume}`,
      state: 'snapmirrored',
      lagSeconds: 86_400,
      lastTransferBytes: last,
      lastTransferSeconds: Math.round(last / (o.rateKBps * 1024)),
      pendingBytes: bytes,
    });
    schedules[pair.dest]!.push(volume);
  }
  return {
    start: o.start ?? '2026-01-05T20:00:00Z',
    simulator: {
      filers: pairs.map((p) => ({
        name: p.dest,
        dialect: p.dialect as 'rest' | '7mode' | 'cluster-zapi',
        credentials: { username: 'admin', password: `pw-${p.dest}` },
        bandwidthKBps: 1_250_000,
        maxConcurrentTransfers: 200,
      })),
      relationships,
      links: pairs.map((p) => ({ from: p.source, to: p.dest, bandwidthKBps: o.linkKBps })),
    },
    scheduler: {
      timezone: 'UTC',
      pollIntervalSeconds: 30,
      defaultRateKBps: o.rateKBps,
      businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '19:00' },
      limits: { perFiler: o.perFiler, global: o.global },
      filers: Object.fromEntries(pairs.map((p) => [p.dest, { sourceFiler: p.source }])),
    },
    schedules,
  };
}
