// An injectable clock: real time (or real time sped up), or virtual time that tests and simulations advance deterministically.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => timerSleep(ms, signal),
};

/**
 * Real time sped up: `speed` clock seconds pass per real second, from `start` (default now).
 * A sleep of `ms` takes ms / speed real milliseconds.
 */
export function scaledClock(speed: number, start: number = Date.now()): Clock {
  if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
  const realStart = Date.now();
  return {
    now: () => start + (Date.now() - realStart) * speed,
    sleep: (ms, signal) => timerSleep(ms / speed, signal),
  };
}

/** Resolves after `ms` real milliseconds; rejects with the signal's reason when aborted. */
function timerSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface VirtualClockOptions {
  /** Start time in ms since the epoch (default 2026-01-05T18:00:00Z, a Monday evening). */
  start?: number;
  /**
   * When true, time jumps to the earliest sleeper as soon as the event loop has nothing else
   * to do right now (after pending I/O callbacks), so a simulated night runs in real seconds.
   */
  auto?: boolean;
}

/** Deterministic time: sleepers wake in (time, order of sleep) order when the clock advances. */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private sleepers: Sleeper[] = [];
  private readonly auto: boolean;
  private autoScheduled = false;
  private holds = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.current = options.start ?? Date.UTC(2026, 0, 5, 18, 0, 0);
    this.auto = options.auto ?? false;
  }

  now(): number {
    return this.current;
  }

  /** Number of sleepers waiting. */
  get pending(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', sleeper.onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      this.scheduleAuto();
    });
  }

  /**
   * Marks real work (a network call on loopback) in flight: auto mode does not jump time
   * while a hold is open. Returns the release function.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.scheduleAuto();
    };
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.current + ms);
  }

  async advanceTo(target: number): Promise<void> {
    for (;;) {
      const next = this.sleepers[0];
      if (!next || next.at > target) break;
      this.wake(next);
      await settle();
    }
    if (target > this.current) this.current = target;
  }

  /** Advances to the next sleeper and wakes it (and any due at the same instant). Returns false when none. */
  async step(): Promise<boolean> {
    const next = this.sleepers[0];
    if (!next) return false;
    await this.advanceTo(next.at);
    return true;
  }

  private wake(sleeper: Sleeper): void {
    this.sleepers.shift();
    sleeper.signal?.removeEventListener('abort', sleeper.onAbort);
    if (sleeper.at > this.current) this.current = sleeper.at;
    sleeper.resolve();
  }

  private scheduleAuto(): void {
    if (!this.auto || this.autoScheduled) return;
    this.autoScheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn, so in-flight promise chains settle first.
    setImmediate(() => {
      this.autoScheduled = false;
      if (this.holds > 0 || this.sleepers.length === 0) return;
      const next = this.sleepers[0];
      if (next) this.wake(next);
      if (this.sleepers.length) this.scheduleAuto();
    });
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
