// Max-min fair rates: each transfer gets min(its throttle, its fair share of every resource it
// crosses: source filer, destination filer, optional link), by progressive filling.

export interface RateDemand {
  /** Per-transfer cap in bytes/ms; Infinity when unthrottled. */
  cap: number;
  /** Resource keys the transfer uses. */
  resources: readonly string[];
}

/** Returns one rate (bytes/ms) per demand; capacities in bytes/ms. Deterministic, O(n * rounds). */
export function fairRates(demands: readonly RateDemand[], capacity: ReadonlyMap<string, number>): number[] {
  const rates = new Array<number>(demands.length).fill(0);
  const fixed = new Array<boolean>(demands.length).fill(false);
  const left = new Map(capacity);
  const users = new Map<string, number>();
  for (const d of demands)
    for (const r of d.resources) if (left.has(r)) users.set(r, (users.get(r) ?? 0) + 1);
  let remaining = demands.length;
  while (remaining > 0) {
    let best = Infinity;
    const limits = demands.map((d, i) => {
      if (fixed[i]) return Infinity;
      let limit = d.cap;
      for (const r of d.resources) {
        const cap = left.get(r);
        if (cap === undefined) continue;
        limit = Math.min(limit, Math.max(0, cap) / (users.get(r) ?? 1));
      }
      if (limit < best) best = limit;
      return limit;
    });
    if (best === Infinity) {
      // nothing constrains the rest: give them an effectively unbounded rate
      for (let i = 0; i < demands.length; i++) if (!fixed[i]) rates[i] = Number.MAX_VALUE;
      break;
    }
    for (let i = 0; i < demands.length; i++) {
      if (fixed[i] || limits[i]! > best * (1 + 1e-12)) continue;
      fixed[i] = true;
      remaining--;
      rates[i] = best;
      for (const r of demands[i]!.resources) {
        if (!left.has(r)) continue;
        left.set(r, left.get(r)! - best);
        users.set(r, users.get(r)! - 1);
      }
    }
  }
  return rates;
}

/** KB/s (1024 bytes per second) to bytes per millisecond. */
export function kbpsToBytesPerMs(kbps: number): number {
  return (kbps * 1024) / 1000;
}
