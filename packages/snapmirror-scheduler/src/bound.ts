// The makespan lower bound a simulated night is judged against (see docs/snapmirror-scheduler.md):
// no schedule can finish before the largest transfer alone at its cap, before any link, filer or the
// whole set has moved its bytes at its best aggregate rate.

export interface BoundTransfer {
  bytes: number;
  filer: string;
  /** Link key (source system -> receiving filer) when the transfer crosses a capped link. */
  link?: string | undefined;
  /** Rate cap in KB/s; 0 = unlimited. */
  rateKBps: number;
}

export interface BoundCapacity {
  /** Link bandwidths in KB/s by link key. */
  links: Record<string, number>;
  /** Receiving filer bandwidths in KB/s. */
  filers: Record<string, number>;
  /** Off-hours (largest) concurrency limit per filer. */
  filerLimits: Record<string, number>;
  /** Off-hours global limit (Infinity when none). */
  globalLimit: number;
}

export interface LowerBound {
  seconds: number;
  /** Which term binds: "largest transfer", "link a->b", "filer f", "all filers". */
  binding: string;
  terms: Record<string, number>;
}

export function lowerBound(transfers: BoundTransfer[], cap: BoundCapacity): LowerBound {
  const KB = 1024;
  const terms: Record<string, number> = {};
  const single = (t: BoundTransfer) => {
    const limits = [t.rateKBps || Number.POSITIVE_INFINITY, cap.filers[t.filer] ?? Number.POSITIVE_INFINITY];
    if (t.link && cap.links[t.link] !== undefined) limits.push(cap.links[t.link] ?? Number.POSITIVE_INFINITY);
    return t.bytes / (Math.min(...limits) * KB);
  };
  terms['largest transfer'] = Math.max(0, ...transfers.map(single));
  const byLink = new Map<string, number>();
  for (const t of transfers)
    if (t.link && cap.links[t.link] !== undefined) byLink.set(t.link, (byLink.get(t.link) ?? 0) + t.bytes);
  for (const [link, bytes] of byLink) terms[`link ${link}`] = bytes / ((cap.links[link] ?? 1) * KB);
  const maxRate = (ts: BoundTransfer[]) => Math.max(...ts.map((t) => t.rateKBps || Number.POSITIVE_INFINITY));
  const filers = [...new Set(transfers.map((t) => t.filer))];
  for (const f of filers) {
    const mine = transfers.filter((t) => t.filer === f);
    const slots = (cap.filerLimits[f] ?? Number.POSITIVE_INFINITY) * maxRate(mine);
    const rate = Math.min(cap.filers[f] ?? Number.POSITIVE_INFINITY, slots);
    if (Number.isFinite(rate)) terms[`filer ${f}`] = mine.reduce((s, t) => s + t.bytes, 0) / (rate * KB);
  }
  const allRate = Math.min(
    cap.globalLimit * maxRate(transfers),
    filers.reduce((s, f) => s + (cap.filers[f] ?? Number.POSITIVE_INFINITY), 0),
  );
  if (Number.isFinite(allRate))
    terms['all filers'] = transfers.reduce((s, t) => s + t.bytes, 0) / (allRate * KB);
  let binding = 'largest transfer';
  for (const [k, v] of Object.entries(terms)) if (v > (terms[binding] ?? 0)) binding = k;
  return { seconds: terms[binding] ?? 0, binding, terms };
}
