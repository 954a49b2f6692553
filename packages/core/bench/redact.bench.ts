// Redaction sits on every log line: its cost per line, beside a plain JSON.stringify baseline.
import { it } from 'vitest';
import { redactValue } from '../src/redact.js';

it('redaction cost per log record', () => {
  const rec = {
    time: '2026-01-01T00:00:00Z',
    level: 'info',
    msg: 'transfer started',
    dest: 'f2:R_vol1',
    kbps: 8704,
    password: 'x',
  };
  const n = 100_000;
  let t = performance.now();
  for (let i = 0; i < n; i++) JSON.stringify(rec);
  const base = (performance.now() - t) / n;
  t = performance.now();
  for (let i = 0; i < n; i++) JSON.stringify(redactValue(rec));
  const red = (performance.now() - t) / n;
  console.log(
    `core redact: ${(red * 1000).toFixed(2)} us/record vs ${(base * 1000).toFixed(2)} us plain stringify (ratio ${(red / base).toFixed(1)})`,
  );
});
