import { describe, expect, it } from 'vitest';
import { formatRecord, parseRecord, RECORD_MAX_BYTES } from './record.js';

const base = { agent: '0.1.0', host: 'web01', time: 1764040000 };

describe('record format', () => {
  it('round-trips checks, with OK lines after problems', () => {
    const text = formatRecord({
      ...base,
      checks: [
        { name: 'cpu', status: 'OK', value: 12.3456, unit: '%', message: 'cpu 12.3% busy' },
        { name: 'disk:/var', status: 'CRITICAL', value: 99, unit: '%', message: '/var 99.0% used' },
      ],
    });
    expect(text).toBe(
      'opskit-xen 1\nagent 0.1.0\nhost web01\ntime 1764040000\ncheck disk:/var CRITICAL 99 % /var 99.0% used\ncheck cpu OK 12.346 % cpu 12.3% busy',
    );
    const r = parseRecord(text);
    expect(r.checks.map((c) => [c.name, c.status, c.value])).toEqual([
      ['disk:/var', 'CRITICAL', 99],
      ['cpu', 'OK', 12.346],
    ]);
  });

  it('drops OK checks to stay under the node size limit and says how many', () => {
    const checks = Array.from({ length: 60 }, (_, i) => ({
      name: `disk:/srv/volume${i}`,
      status: i === 59 ? ('WARNING' as const) : ('OK' as const),
      value: 50,
      unit: '%',
      message: `/srv/volume${i} 50.0% used (1234 MiB free)`,
    }));
    const text = formatRecord({ ...base, checks });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(RECORD_MAX_BYTES);
    const r = parseRecord(text);
    expect(r.checks[0]?.status).toBe('WARNING');
    expect(r.truncated + r.checks.length).toBe(60);
  });

  it('cleans control characters and spaces out of guest-supplied names and messages', () => {
    const text = formatRecord({
      ...base,
      checks: [{ name: 'disk:/my mount', status: 'OK', message: 'a\nb\u0007c' }],
    });
    expect(text.split('\n')[4]).toBe('check disk:/my_mount OK - - a?b?c');
  });

  it.each([
    ['a wrong format line', 'hello 1\nagent a\nhost h\ntime 1', /line 1/],
    ['a newer version', 'opskit-xen 2\nagent a\nhost h\ntime 1', /unsupported record version 2/],
    ['a bad status', 'opskit-xen 1\nagent a\nhost h\ntime 1\ncheck cpu BAD 1 % x', /line 5: bad status/],
    ['a non-numeric value', 'opskit-xen 1\nagent a\nhost h\ntime 1\ncheck cpu OK $(reboot) % x', /bad value/],
    ['control characters', 'opskit-xen 1\nagent a\nhost h\ntime 1\u001b[2J', /non-printable/],
    ['a shell-looking name', 'opskit-xen 1\nagent a;rm\nhost h\ntime 1', /line 2/],
    [
      'a duplicate check name',
      'opskit-xen 1\nagent a\nhost h\ntime 1\ncheck cpu OK 1 % x\ncheck cpu CRITICAL 99 % y',
      /line 6: duplicate check name "cpu"/,
    ],
    [
      'the reserved check name record',
      'opskit-xen 1\nagent a\nhost h\ntime 1\ncheck record OK - - record unchanged for 0m',
      /line 5: check name "record" is reserved/,
    ],
  ])('rejects %s', (_what, text, error) => {
    expect(() => parseRecord(text)).toThrow(error);
  });

  it('rejects an oversized record before parsing it', () => {
    expect(() => parseRecord(`opskit-xen 1\n${'x'.repeat(5000)}`)).toThrow(/over the 1900-byte limit/);
  });
});
