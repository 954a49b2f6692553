// Counters become deltas between consecutive samples. A counter that goes backwards (reboot, wrap,
// domain restarted) or an identity change (boot id, domain id) starts a new series: the deltas of
// that sample are unknown (NULL), never negative or huge.

export type Counters = Record<string, number | undefined>;

export interface CounterState {
  /** Sample the raw counters belong to. */
  ts: number;
  /** Boot id or domain id. */
  ident: string;
  counters: Counters;
}

export interface DeltaResult {
  /** Delta per counter; null when unknown. */
  deltas: Record<string, number | null>;
  /** Why a new series started (absent when the series continues or on its very first sample). */
  reset?: string;
}

export function computeDeltas(
  prev: CounterState | undefined,
  previousSampleTs: number | undefined,
  ident: string,
  now: Counters,
): DeltaResult {
  const unknown = (): Record<string, number | null> =>
    Object.fromEntries(Object.keys(now).map((k) => [k, null]));
  if (!prev) return { deltas: unknown() };
  // An empty ident is unknown (xentop alone shows no domain id), not a different one.
  if (prev.ident !== ident && prev.ident !== '' && ident !== '')
    return { deltas: unknown(), reset: `restarted (${prev.ident || '?'} -> ${ident || '?'})` };
  // The previous raw reading must be from the previous sample: otherwise the entity was absent in
  // between and a delta would not match the sample's interval.
  if (prev.ts !== previousSampleTs) return { deltas: unknown(), reset: 'absent from the previous sample' };
  const deltas: Record<string, number | null> = {};
  const backwards: string[] = [];
  for (const [k, v] of Object.entries(now)) {
    const p = prev.counters[k];
    if (v === undefined || p === undefined) deltas[k] = null;
    else if (v < p) backwards.push(k);
    else deltas[k] = v - p;
  }
  if (backwards.length)
    return { deltas: unknown(), reset: `counter went backwards: ${backwards.join(', ')}` };
  return { deltas };
}
