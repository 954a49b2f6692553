import { describe, expect, it } from 'vitest';
import { parseLsFull } from '../xenstore/cli-store.js';
import { parseXlList } from './domains.js';

describe('domain lists', () => {
  it('parses xl list, names first and numbers from the right', () => {
    const text =
      'Name                                        ID   Mem VCPUs\tState\tTime(s)\n' +
      'Domain-0                                     0  4096     4     r-----    1234.5\n' +
      'web01                                        3  2048     2     -b----      98.2\n' +
      'crashed guest                               12   512     1     ---c--       0.0\n';
    expect(parseXlList(text)).toEqual([
      { name: 'Domain-0', domid: 0, memoryMiB: 4096, state: 'r-----', uuid: undefined },
      { name: 'web01', domid: 3, memoryMiB: 2048, state: '-b----', uuid: undefined },
      { name: 'crashed guest', domid: 12, memoryMiB: 512, state: '---c--', uuid: undefined },
    ]);
  });

  it('takes the UUID from xl list -v and parses the old xm list', () => {
    const v =
      'Name                                        ID   Mem VCPUs\tState\tTime(s)   UUID                            Reason-Code\tSecurity Label\n' +
      'web01                                        3  2048     2     -b----      98.2 5f1c8a2e-0d4b-4c3e-9a57-1e2d3c4b5a69        -\n';
    expect(parseXlList(v)[0]?.uuid).toBe('5f1c8a2e-0d4b-4c3e-9a57-1e2d3c4b5a69');
    const xm =
      'Name                                      ID Mem(MiB) VCPUs State   Time(s)\n' +
      'Domain-0                                   0     2048     2 r-----  10770.5\n' +
      'srxmtest7                                 14      512     1 -b----    182.3\n';
    expect(parseXlList(xm).map((d) => [d.name, d.domid])).toEqual([
      ['Domain-0', 0],
      ['srxmtest7', 14],
    ]);
  });

  it('refuses output it does not understand instead of guessing', () => {
    expect(() => parseXlList('libxl: error: cannot connect\n')).toThrow(/unexpected domain list header/);
    expect(() => parseXlList('Name ID Mem VCPUs State Time(s)\nweird line\n')).toThrow(
      /line 2 not understood/,
    );
  });

  it('parses xenstore-ls -f -p, values unescaped and perms from the right', () => {
    const m = parseLsFull(
      '/local/domain/3/name = "web01"   (n0,r3)\n' +
        '/local/domain/3/data/x = "a "quoted" (n9) \\\\ value\\nnext"   (n3)\n' +
        '/local/domain/3/broken:\n',
    );
    expect(m.get('/local/domain/3/name')).toEqual({
      value: 'web01',
      perms: [
        { letter: 'n', domid: 0 },
        { letter: 'r', domid: 3 },
      ],
    });
    expect(m.get('/local/domain/3/data/x')?.value).toBe('a "quoted" (n9) \\ value\nnext');
    expect(m.size).toBe(2);
  });
});
