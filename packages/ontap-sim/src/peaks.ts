// Running counts with their peaks and the first instant each peak was reached.
import type { ConcurrencyPeak } from './model-types.js';

export class PeakCounter {
  private readonly running = new Map<string, number>();
  private readonly peaks = new Map<string, ConcurrencyPeak>();

  /** One more running under `key` at instant `now`. */
  increment(key: string, now: number): void {
    const n = (this.running.get(key) ?? 0) + 1;
    this.running.set(key, n);
    const peak = this.peaks.get(key) ?? { max: 0, at: undefined };
    if (n > peak.max) {
      peak.max = n;
      peak.at = now;
    }
    this.peaks.set(key, peak);
  }

  decrement(key: string): void {
    this.running.set(key, (this.running.get(key) ?? 1) - 1);
  }

  count(key: string): number {
    return this.running.get(key) ?? 0;
  }

  peak(key: string): ConcurrencyPeak {
    return { ...(this.peaks.get(key) ?? { max: 0, at: undefined }) };
  }

  all(): Record<string, ConcurrencyPeak> {
    return Object.fromEntries([...this.peaks].map(([k, v]) => [k, { ...v }]));
  }
}
