import { describe, expect, it } from 'vitest';
import { renderMetrics } from './metrics.js';
import {
  formatNagios,
  formatPerfDatum,
  parseRange,
  rangeAlerts,
  thresholdStatus,
  worstStatus,
} from './nagios.js';
import { formatBytes, formatDuration, parseDuration, renderTable } from './table.js';

describe('Nagios ranges', () => {
  it.each([
    ['10', -1, true],
    ['10', 5, false],
    ['10', 11, true],
    ['10:', 9, true],
    ['10:', 10, false],
    ['~:10', -100, false],
    ['~:10', 11, true],
    ['10:20', 15, false],
    ['10:20', 21, true],
    ['@10:20', 15, true],
    ['@10:20', 21, false],
  ] as const)('range %s alerts on %d: %s', (range, value, alerts) => {
    expect(rangeAlerts(parseRange(range), value)).toBe(alerts);
  });

  it('rejects a malformed range', () => {
    expect(() => parseRange('abc')).toThrow(/invalid threshold range/);
    expect(() => parseRange('20:10')).toThrow(/start is above end/);
  });

  it('gives the status of a value against warning and critical', () => {
    expect(thresholdStatus(85, '80', '90')).toBe('WARNING');
    expect(thresholdStatus(95, '80', '90')).toBe('CRITICAL');
    expect(thresholdStatus(50, '80', '90')).toBe('OK');
    expect(worstStatus(['OK', 'UNKNOWN', 'WARNING'])).toBe('WARNING');
  });

  it('formats the status line with perfdata and long text', () => {
    const out = formatNagios({
      service: 'xen',
      status: 'WARNING',
      summary: '1 warning | odd',
      perfdata: [
        { label: 'disk /var', value: 85.5, uom: '%', warn: '80', crit: '90', min: 0, max: 100 },
        { label: 'load1', value: 0.5 },
      ],
      details: ['domU web1: disk /var 85.5%'],
    });
    expect(out.text).toBe(
      "XEN WARNING: 1 warning / odd | 'disk /var'=85.5%;80;90;0;100 load1=0.5\ndomU web1: disk /var 85.5%\n".replace(
        ' / odd',
        '   odd',
      ),
    );
    expect(out.exitCode).toBe(1);
    expect(formatPerfDatum({ label: "it's", value: 1 })).toBe("'it''s'=1");
  });
});

describe('metrics exposition', () => {
  const fams = [
    {
      name: 'opskit_domain_up',
      help: 'Whether the domain reported',
      type: 'gauge' as const,
      samples: [{ labels: { domain: 'web"1' }, value: 1 }],
    },
    { name: 'opskit_checks', help: 'Checks run', type: 'counter' as const, samples: [{ value: 3 }] },
  ];
  it('renders the Prometheus text format without EOF', () => {
    expect(renderMetrics(fams)).toBe(
      '# HELP opskit_domain_up Whether the domain reported\n# TYPE opskit_domain_up gauge\nopskit_domain_up{domain="web\\"1"} 1\n# HELP opskit_checks Checks run\n# TYPE opskit_checks counter\nopskit_checks 3\n',
    );
  });
  it('renders OpenMetrics with _total counters and # EOF', () => {
    const text = renderMetrics(fams, { openMetrics: true });
    expect(text).toContain('opskit_checks_total 3\n');
    expect(text.endsWith('# EOF\n')).toBe(true);
  });
  it('refuses invalid names', () => {
    expect(() => renderMetrics([{ name: '1bad', help: '', type: 'gauge', samples: [] }])).toThrow(
      /invalid metric name/,
    );
  });
});

describe('tables and units', () => {
  it('aligns columns and right-aligns numbers', () => {
    expect(
      renderTable(
        ['name', 'bytes'],
        [
          ['a', 1],
          ['bbb', 100],
        ],
      ),
    ).toBe('name  bytes\n----  -----\na         1\nbbb     100\n');
  });
  it('formats and parses units', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatDuration(3725)).toBe('1h02m05s');
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(() => parseDuration('soon')).toThrow(/invalid duration/);
  });
});
