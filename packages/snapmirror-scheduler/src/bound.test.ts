import { describe, expect, it } from 'vitest';
import { lowerBound } from './bound.js';

const GiB = 1024 ** 3;

describe('makespan lower bound', () => {
  it('is the largest transfer at its cap when it dominates', () => {
    const lb = lowerBound(
      [
        { bytes: 100 * GiB, filer: 'a', rateKBps: 10240 },
        { bytes: 1 * GiB, filer: 'a', rateKBps: 10240 },
      ],
      { links: {}, filers: {}, filerLimits: { a: 4 }, globalLimit: Number.POSITIVE_INFINITY },
    );
    expect(lb.binding).toBe('largest transfer');
    expect(lb.seconds).toBeCloseTo((100 * GiB) / (10240 * 1024));
  });

  it('is the total over the concurrency-limited aggregate rate when many transfers share slots', () => {
    const transfers = Array.from({ length: 100 }, () => ({ bytes: GiB, filer: 'a', rateKBps: 1024 }));
    const lb = lowerBound(transfers, { links: {}, filers: {}, filerLimits: { a: 10 }, globalLimit: 8 });
    expect(lb.binding).toBe('all filers');
    expect(lb.seconds).toBeCloseTo((100 * GiB) / (8 * 1024 * 1024));
  });

  it('is a link total when the link is the bottleneck', () => {
    const transfers = Array.from({ length: 10 }, () => ({
      bytes: GiB,
      filer: 'a',
      link: 's->a',
      rateKBps: 0,
    }));
    const lb = lowerBound(transfers, {
      links: { 's->a': 2048 },
      filers: {},
      filerLimits: { a: 4 },
      globalLimit: Number.POSITIVE_INFINITY,
    });
    expect(lb.binding).toBe('link s->a');
    expect(lb.seconds).toBeCloseTo((10 * GiB) / (2048 * 1024));
  });
});
