import { describe, expect, it } from 'vitest';
import { scaledClock } from './scaled-clock.js';

describe('scaledClock', () => {
  it('starts at the given instant and refuses a non-positive speed', () => {
    const clock = scaledClock(60, Date.UTC(2026, 0, 5, 18));
    expect(clock.now()).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 5, 18));
    expect(() => scaledClock(0)).toThrow(RangeError);
  });

  it('sleeps simulated time divided by the speed (an hour at x3.6e6 is a millisecond), and can be aborted', async () => {
    const clock = scaledClock(3_600_000);
    await clock.sleep(3_600_000);
    const ac = new AbortController();
    const pending = scaledClock(1).sleep(3_600_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
