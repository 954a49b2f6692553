import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatStateFlags, parseXentopBatch, parseXlGuests } from './xentop.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

describe('parseXentopBatch', () => {
  it('takes the last iteration of a batch run, with cumulative counters', () => {
    const g = parseXentopBatch(fixture('xentop-b-i2.txt'));
    expect(g.map((x) => x.name)).toEqual(['Domain-0', 'web01-prod', 'db-main1', 'paused7']);
    expect(g[2]).toEqual({
      name: 'db-main1',
      state: expect.any(Number),
      cpuDs: 51230,
      memKib: 8388608,
      vcpus: 4,
      netTxKib: 812401,
      netRxKib: 402150,
      vbdRd: 90240,
      vbdWr: 120470,
      vbdRsect: 9120500,
      vbdWsect: 7788400,
    });
    expect(formatStateFlags(g[2]!.state)).toBe('-----r');
    expect(formatStateFlags(g[3]!.state)).toBe('----p-');
  });

  it('reads "no limit" as one field and "-" VBD figures as unknown', () => {
    const g = parseXentopBatch(fixture('xentop-b-i2.txt'));
    expect(g[0]!.memKib).toBe(4194304);
    expect(g[3]!.vbdRd).toBeUndefined();
    expect(g[3]!.netRxKib).toBe(20);
  });

  it('keeps full names with spaces (xentop -f) by parsing from the right', () => {
    const text = fixture('xentop-b-i2.txt').split('\n').slice(0, 1).join('\n');
    const line =
      'my long guest name --b---  98    0.3    2097152    6.2    2098176       6.3     2    1     1530    20502    1        0     3305     1880     120098      88250    0';
    expect(parseXentopBatch(`${text}\n${line}\n`)[0]!.name).toBe('my long guest name');
  });

  it('rejects text that is not xentop batch output', () => {
    expect(() => parseXentopBatch('hello\n', 'x.txt')).toThrow('x.txt: no "NAME STATE CPU(sec)" header line');
    const bad = fixture('xentop-b-i2.txt').replace(
      '  Domain-0 -----r       1236',
      '  Domain-0 -----r       12x6',
    );
    expect(() => parseXentopBatch(bad)).toThrow(/CPU\(sec\): expected a number, got "12x6"/);
  });
});

describe('parseXlGuests', () => {
  it('parses rows from the right, names may hold spaces', () => {
    const g = parseXlGuests(fixture('xl-list.txt'));
    expect(g.map((x) => [x.name, x.domid, x.memKib, x.vcpus, x.cpuDs, formatStateFlags(x.state)])).toEqual([
      ['Domain-0', 0, 4096 * 1024, 4, 12345, '-----r'],
      ['web01', 3, 2048 * 1024, 2, 982, '--b---'],
      ['my guest with spaces', 12, 1024 * 1024, 1, 50, '----p-'],
      ['old-crashed', 7, 512 * 1024, 1, 777, '---c--'],
    ]);
    expect(g[0]!.netRxKib).toBeUndefined();
  });

  it('names the line it cannot read', () => {
    expect(() => parseXlGuests(`${fixture('xl-list.txt')}garbage line\n`, 'xl.txt')).toThrow(
      'xl.txt: line 6: cannot parse',
    );
  });
});
