// Summary statistics of a series: interval-weighted average, maximum and 95th percentile.

export interface Summary {
  avg: number | null;
  max: number | null;
  p95: number | null;
  /** Samples with a known value. */
  n: number;
}

/** Nearest-rank percentile of the known values. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** `weights` are the sample intervals: a rate averaged over time, not over rows. */
export function summarize(values: (number | null)[], weights?: (number | null)[]): Summary {
  let sum = 0;
  let wsum = 0;
  let max: number | null = null;
  const known: number[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const w = weights ? (weights[i] ?? 0) : 1;
    if (!w) return;
    known.push(v);
    sum += v * w;
    wsum += w;
    if (max === null || v > max) max = v;
  });
  return { avg: wsum ? sum / wsum : null, max, p95: percentile(known, 95), n: known.length };
}
