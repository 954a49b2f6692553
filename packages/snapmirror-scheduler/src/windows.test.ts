import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';
import { BusinessHours, limitsAt } from './windows.js';

const config = parseConfig(
  'timezone: Europe/Paris\nbusinessHours: { days: [mon, tue, wed, thu, fri], start: "08:00", end: "19:00" }\nlimits:\n  global: { business: 1, offHours: 10 }\n  perFiler: { business: 2, offHours: 6 }\nfilers:\n  f1: { limits: { business: 0, offHours: 3 } }\n  f2: {}\n',
  'w.yaml',
);
const hours = new BusinessHours(config);
// 2026-01-05 is a Monday; Paris is UTC+1 in January.
const paris = (d: number, h: number, m = 0) => Date.UTC(2026, 0, d, h - 1, m);

describe('business hours', () => {
  it.each([
    [paris(5, 7, 59), false],
    [paris(5, 8, 0), true],
    [paris(5, 18, 59), true],
    [paris(5, 19, 0), false],
    [paris(10, 12), false], // Saturday
  ])('at %d business is %s', (t, expected) => {
    expect(hours.isBusiness(t)).toBe(expected);
  });

  it('finds the next opening across the weekend and DST-free offsets', () => {
    expect(hours.nextOpen(paris(9, 20))).toBe(paris(12, 8)); // Friday evening -> Monday 08:00
    expect(hours.nextClose(paris(5, 9))).toBe(paris(5, 19));
  });

  it('handles the switch to summer time', () => {
    // 2026-03-29 is the DST Sunday; Monday 30 March 08:00 Paris is 06:00 UTC.
    expect(hours.nextOpen(Date.UTC(2026, 2, 28, 12))).toBe(Date.UTC(2026, 2, 30, 6));
  });

  it('opens a window whose start falls in the spring-forward gap when the clocks jump', () => {
    const night = new BusinessHours(
      parseConfig(
        'timezone: Europe/Paris\nbusinessHours: { days: [sun], start: "02:30", end: "05:00" }\nfilers: { f: {} }\n',
        'g.yaml',
      ),
    );
    // 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC; 02:30 does not exist that night.
    expect(night.nextOpen(Date.UTC(2026, 2, 28, 12))).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(night.isBusiness(Date.UTC(2026, 2, 29, 1, 0))).toBe(true);
    expect(night.isBusiness(Date.UTC(2026, 2, 29, 0, 59))).toBe(false);
  });

  it('tells whether a transfer would run into business hours', () => {
    expect(hours.runsInto(paris(5, 22), 9 * 3_600_000)).toBe(false);
    expect(hours.runsInto(paris(5, 22), 11 * 3_600_000)).toBe(true);
    expect(hours.runsInto(paris(5, 10), 99 * 3_600_000)).toBe(false); // already in business hours
  });

  it('gives per-filer and global limits for the instant (lowTransfer / fullTransfer)', () => {
    expect(limitsAt(config, hours, ['f1', 'f2'], paris(5, 10))).toEqual({
      business: true,
      perFiler: { f1: 0, f2: 2 },
      global: 1,
    });
    expect(limitsAt(config, hours, ['f1', 'f2'], paris(5, 23))).toEqual({
      business: false,
      perFiler: { f1: 3, f2: 6 },
      global: 10,
    });
  });
});
