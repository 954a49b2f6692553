import { describe, expect, it } from 'vitest';
import { okLine, severitySections } from './human-sections.js';

describe('human report sections', () => {
  it('lists errors, then warnings, then unknowns, grouped, leaving out empty sections and groups', () => {
    const findings = [
      { host: 'web01', status: 'WARNING', text: 'load: high' },
      { host: 'db01', status: 'CRITICAL', text: 'disk:/: full' },
      { host: 'web01', status: 'CRITICAL', text: 'memory: exhausted' },
      { host: 'db01', status: 'OK', text: 'cpu: fine' },
    ];
    const lines = severitySections((status) =>
      ['db01', 'web01'].map((host) => ({
        heading: host,
        lines: findings.filter((f) => f.host === host && f.status === status).map((f) => f.text),
      })),
    );
    expect([...lines, ...okLine(['mail01', 'ns1'])].join('\n')).toBe(
      [
        '',
        'ERRORS:',
        '  db01',
        '    disk:/: full',
        '  web01',
        '    memory: exhausted',
        '',
        'WARNINGS:',
        '  web01',
        '    load: high',
        '',
        'OK: mail01, ns1',
      ].join('\n'),
    );
  });

  it('says (none) when nothing is fine, and prints no section when nothing is wrong', () => {
    expect(severitySections(() => [{ heading: 'x', lines: [] }])).toEqual([]);
    expect(okLine([])).toEqual(['', 'OK: (none)']);
  });
});
