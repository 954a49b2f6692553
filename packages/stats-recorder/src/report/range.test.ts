import { describe, expect, it } from 'vitest';
import { parseTime, resolveRange } from './range.js';

const utc = (...a: [number, number, number, number?, number?, number?]) =>
  Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0) / 1000;
const local = (...a: [number, number, number, number?, number?, number?]) =>
  new Date(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0).getTime() / 1000;

describe('parseTime', () => {
  it.each([
    ['2026-11-24', local(2026, 11, 24)],
    ['2026-11-24 10:05', local(2026, 11, 24, 10, 5)],
    ['2026-11-24 10:05:07', local(2026, 11, 24, 10, 5, 7)],
    ['2026-11-24T10:05:07', local(2026, 11, 24, 10, 5, 7)],
    ['2026-11-24T10:05:07Z', utc(2026, 11, 24, 10, 5, 7)],
    ['2026-11-24T10:05:07.250Z', utc(2026, 11, 24, 10, 5, 7)],
    ['2026-11-24T10:05+01:00', utc(2026, 11, 24, 9, 5)],
    ['2026-11-24T10:05:00-0230', utc(2026, 11, 24, 12, 35)],
    ['2026-11-24 10:05:00+05', utc(2026, 11, 24, 5, 5)],
    ['@1795571086', 1795571086],
  ])('reads %s', (text, want) => {
    expect(parseTime(text, '--from')).toBe(want);
  });

  it.each([
    ['1'],
    ['2026'],
    ['11/24/2026'],
    ['Nov 24 2026'],
    ['last tuesday'],
    ['2026-11-24 10'],
    ['2026-11-24T10:05:07+1'],
    ['@-5'],
    ['2026-1-5'],
  ])('refuses %s, naming the option and the expected forms', (text) => {
    expect(() => parseTime(text, '--from')).toThrow(`--from: cannot read "${text}" as a time`);
    try {
      parseTime(text, '--from');
    } catch (err) {
      expect((err as { hint?: string }).hint).toMatch(/YYYY-MM-DD.*ISO 8601.*@epoch-seconds/);
      expect((err as { exitCode?: number }).exitCode).toBe(2);
    }
  });

  it.each([
    ['2026-02-30', 'no such date'],
    ['2026-13-01', 'no such date'],
    ['2026-11-24 24:00', 'no such time of day'],
    ['2026-11-24 10:60', 'no such time of day'],
    ['2026-11-24T10:00+25:00', 'no such time zone offset'],
  ])('refuses the impossible %s (%s)', (text, why) => {
    expect(() => parseTime(text, '--to')).toThrow(`--to: cannot read "${text}" as a time: ${why}`);
  });
});

describe('resolveRange', () => {
  it('counts --last back from --to and names --last when its duration is bad', () => {
    expect(resolveRange({ to: '@100000', last: '1h', now: 0 })).toEqual({ from: 96400, to: 100000 });
    expect(() => resolveRange({ last: 'soon', now: 100000 })).toThrow(/^--last: /);
  });
});
