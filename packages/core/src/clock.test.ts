import { describe, expect, it } from 'vitest';
import { realClock, scaledClock, VirtualClock } from './clock.js';

describe('VirtualClock', () => {
  it('wakes sleepers in time order as time advances', async () => {
    const clock = new VirtualClock({ start: 0 });
    const woke: string[] = [];
    void clock.sleep(300).then(() => woke.push(`c@${clock.now()}`));
    void clock.sleep(100).then(() => woke.push(`a@${clock.now()}`));
    void clock.sleep(200).then(() => woke.push(`b@${clock.now()}`));
    await clock.advance(250);
    expect(woke).toEqual(['a@100', 'b@200']);
    expect(clock.now()).toBe(250);
    await clock.advance(100);
    expect(woke).toEqual(['a@100', 'b@200', 'c@300']);
  });

  it('runs a chain of sleeps in auto mode without real waiting', async () => {
    const clock = new VirtualClock({ start: 0, auto: true });
    const started = Date.now();
    for (let i = 0; i < 1000; i++) await clock.sleep(60_000);
    expect(clock.now()).toBe(60_000_000);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('does not jump while real work holds it', async () => {
    const clock = new VirtualClock({ start: 0, auto: true });
    const release = clock.hold();
    let woke = false;
    void clock.sleep(1000).then(() => {
      woke = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(woke).toBe(false);
    release();
    await new Promise((r) => setTimeout(r, 30));
    expect(woke).toBe(true);
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new VirtualClock();
    const ac = new AbortController();
    const p = clock.sleep(1000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });
});

describe('realClock', () => {
  it('sleeps for real', async () => {
    const t = realClock.now();
    await realClock.sleep(20);
    expect(realClock.now() - t).toBeGreaterThanOrEqual(15);
  });
});

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
