// Real time sped up: the CLI's clock for `--speed X` (X simulated seconds per real second).
import type { Clock } from '@opskit/core';

export function scaledClock(speed: number, start: number = Date.now()): Clock {
  if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
  const realStart = Date.now();
  return {
    now: () => start + (Date.now() - realStart) * speed,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.max(0, ms / speed),
        );
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
