import { describe, expect, it } from 'vitest';
import { parseXlList } from './xen.js';

// Layout from xl_info.c (`%-40s%5d%5lu%5d     %s  %8.1f`, a TAB before State and Time(s)).
const XL_LIST =
  'Name                                        ID   Mem VCPUs\tState\tTime(s)\n' +
  'Domain-0                                     0  4096     4     r-----    1234.5\n' +
  'web01                                        3  2048     2     -b----      98.2\n' +
  'my guest with spaces                        12  1024     1     --p---       5.0\n' +
  'old-crashed                                  7   512     1     ----c-      77.7\n';

describe('parseXlList', () => {
  it('parses rows from the right, names may hold spaces', () => {
    expect(
      parseXlList(XL_LIST).map((x) => [x.name, x.domid, x.memMiB, x.vcpus, x.state, x.cpuSeconds]),
    ).toEqual([
      ['Domain-0', 0, 4096, 4, 'r-----', 1234.5],
      ['web01', 3, 2048, 2, '-b----', 98.2],
      ['my guest with spaces', 12, 1024, 1, '--p---', 5],
      ['old-crashed', 7, 512, 1, '----c-', 77.7],
    ]);
  });

  it('gives every field of a row, the UUID undefined without -v', () => {
    const text =
      'Name                                        ID   Mem VCPUs\tState\tTime(s)\n' +
      'Domain-0                                     0  4096     4     r-----    1234.5\n' +
      'web01                                        3  2048     2     -b----      98.2\n' +
      'crashed guest                               12   512     1     ---c--       0.0\n';
    expect(parseXlList(text)).toEqual([
      {
        name: 'Domain-0',
        domid: 0,
        memMiB: 4096,
        vcpus: 4,
        state: 'r-----',
        cpuSeconds: 1234.5,
        uuid: undefined,
      },
      { name: 'web01', domid: 3, memMiB: 2048, vcpus: 2, state: '-b----', cpuSeconds: 98.2, uuid: undefined },
      {
        name: 'crashed guest',
        domid: 12,
        memMiB: 512,
        vcpus: 1,
        state: '---c--',
        cpuSeconds: 0,
        uuid: undefined,
      },
    ]);
  });

  it('takes the UUID from xl list -v and parses the old xm list', () => {
    const v =
      'Name                                        ID   Mem VCPUs\tState\tTime(s)   UUID                            Reason-Code\tSecurity Label\n' +
      'web01                                        3  2048     2     -b----      98.2 5f1c8a2e-0d4b-4c3e-9a57-1e2d3c4b5a69        -\n';
    expect(parseXlList(v)[0]).toMatchObject({
      name: 'web01',
      cpuSeconds: 98.2,
      uuid: '5f1c8a2e-0d4b-4c3e-9a57-1e2d3c4b5a69',
    });
    const xm =
      'Name                                      ID Mem(MiB) VCPUs State   Time(s)\n' +
      'Domain-0                                   0     2048     2 r-----  10770.5\n' +
      'srxmtest7                                 14      512     1 -b----    182.3\n';
    expect(parseXlList(xm).map((d) => [d.name, d.domid, d.memMiB])).toEqual([
      ['Domain-0', 0, 2048],
      ['srxmtest7', 14, 512],
    ]);
  });

  it('refuses output it does not understand instead of guessing', () => {
    expect(() => parseXlList('libxl: error: cannot connect\n')).toThrow(
      'xl list: no "Name ID Mem VCPUs State Time(s)" header line, found "libxl: error: cannot connect"',
    );
    expect(() => parseXlList('Name ID Mem VCPUs State Time(s)\nweird line\n')).toThrow(
      'xl list: line 2: cannot parse "weird line"',
    );
    expect(() => parseXlList(`${XL_LIST}garbage line\n`, 'xl.txt')).toThrow('xl.txt: line 6: cannot parse');
    expect(() => parseXlList(XL_LIST.replace('-b----', '-b-x--'))).toThrow('line 3: cannot parse');
  });
});
