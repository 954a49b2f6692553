import { describe, expect, it } from 'vitest';
import { fairRates } from './rates.js';

describe('fairRates (max-min fair share with per-transfer caps)', () => {
  const cap = new Map([
    ['filer:a', 100],
    ['filer:b', 60],
  ]);

  it('splits a filer evenly between unthrottled transfers', () => {
    expect(
      fairRates(
        [
          { cap: Infinity, resources: ['filer:a'] },
          { cap: Infinity, resources: ['filer:a'] },
        ],
        cap,
      ),
    ).toEqual([50, 50]);
  });

  it('gives what a throttled transfer leaves to the others', () => {
    expect(
      fairRates(
        [
          { cap: 10, resources: ['filer:a'] },
          { cap: Infinity, resources: ['filer:a'] },
          { cap: Infinity, resources: ['filer:a'] },
        ],
        cap,
      ),
    ).toEqual([10, 45, 45]);
  });

  it('is limited by the tightest resource a transfer crosses', () => {
    // two transfers a->b share b's 60; a third stays on a and takes what is left of a's 100
    expect(
      fairRates(
        [
          { cap: Infinity, resources: ['filer:a', 'filer:b'] },
          { cap: Infinity, resources: ['filer:a', 'filer:b'] },
          { cap: Infinity, resources: ['filer:a'] },
        ],
        cap,
      ),
    ).toEqual([30, 30, 40]);
  });

  it('ignores resources without a capacity', () => {
    expect(fairRates([{ cap: 7, resources: ['link:x'] }], cap)).toEqual([7]);
  });
});
