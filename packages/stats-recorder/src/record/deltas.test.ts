import { describe, expect, it } from 'vitest';
import { computeDeltas } from './deltas.js';

const prev = { ts: 600, ident: 'boot-1', counters: { a: 100, b: 50 } };

describe('computeDeltas', () => {
  it('turns counters into deltas when the series continues', () => {
    expect(computeDeltas(prev, 600, 'boot-1', { a: 160, b: 50 })).toEqual({ deltas: { a: 60, b: 0 } });
  });

  it.each([
    [
      'a counter went backwards (wrap, domain restarted)',
      prev,
      600,
      'boot-1',
      { a: 10, b: 60 },
      'counter went backwards: a',
    ],
    ['the boot or domain id changed', prev, 600, 'boot-2', { a: 200, b: 60 }, 'restarted (boot-1 -> boot-2)'],
    [
      'the entity missed the previous sample',
      prev,
      1200,
      'boot-1',
      { a: 200, b: 60 },
      'absent from the previous sample',
    ],
  ])('starts a new series with unknown deltas when %s', (_why, p, last, ident, now, reason) => {
    expect(computeDeltas(p, last, ident, now)).toEqual({ deltas: { a: null, b: null }, reset: reason });
  });

  it('does not take an unknown (empty) domain id for a different one', () => {
    const xentopOnly = { ts: 600, ident: '', counters: { a: 100, b: 50 } };
    expect(computeDeltas(xentopOnly, 600, '7', { a: 160, b: 50 })).toEqual({ deltas: { a: 60, b: 0 } });
    expect(computeDeltas({ ...xentopOnly, ident: '7' }, 600, '', { a: 160, b: 50 })).toEqual({
      deltas: { a: 60, b: 0 },
    });
  });

  it('gives unknown deltas without a reset on the very first sample', () => {
    expect(computeDeltas(undefined, undefined, 'x', { a: 5 })).toEqual({ deltas: { a: null } });
  });

  it('leaves a counter the source did not report unknown, the others known', () => {
    expect(computeDeltas(prev, 600, 'boot-1', { a: 110, b: undefined })).toEqual({
      deltas: { a: 10, b: null },
    });
  });
});
