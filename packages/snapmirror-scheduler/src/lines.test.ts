import { ConfigError } from '@opskit/core';
import { describe, expect, it } from 'vitest';
import { parseScheduleFile, parseSize } from './lines.js';
import { testConfig } from './test-support.js';

const config = testConfig();
const parse = (text: string) =>
  parseScheduleFile(text, 'scheduleSnapMirror_nas01a-ibm.conf', 'nas01a-ibm', config);

describe('schedule lines', () => {
  it('expands the original short form through the pairing and the naming template', () => {
    const [spec] = parse('myVol13\n');
    expect(spec).toMatchObject({
      source: 'nas1a:myVol13',
      destination: 'nas01a-ibm:R_myVol13',
      kind: 'volume',
      line: 1,
    });
  });

  it('accepts volumes, qtrees and a mix, with comments and blank lines, in order', () => {
    const specs = parse(
      '# nightly\n\nnas1a:vol1\nnas1a:/vol/vol2/qt_home   # a qtree\nnas1a:vol3 vol3_dr priority=5 rate=20000 size=50G baseline=yes business=yes\n',
    );
    expect(specs.map((s) => [s.source, s.destination, s.line])).toEqual([
      ['nas1a:vol1', 'nas01a-ibm:R_vol1', 3],
      ['nas1a:/vol/vol2/qt_home', 'nas01a-ibm:/vol/R_vol2/qt_home', 4],
      ['nas1a:vol3', 'nas01a-ibm:vol3_dr', 5],
    ]);
    expect(specs[2]).toMatchObject({
      priority: 5,
      rateKBps: 20000,
      sizeHintBytes: 50 * 1024 ** 3,
      baseline: true,
      allowIntoBusinessHours: true,
    });
  });

  it('uses templates from the configuration, not from code', () => {
    const custom = testConfig('templates:\n  destinationVolume: "{volume}_mirror"\n');
    const [spec] = parseScheduleFile('vol9', 'f.conf', 'nas01a-ibm', custom);
    expect(spec?.destination).toBe('nas01a-ibm:vol9_mirror');
  });

  it.each([
    ['nas1a:vol1 a b', 'expected "<source> [<destination>]'],
    ['nas1a:vol1 speed=3', 'unknown option "speed"'],
    ['nas1a:vol1 rate=fast', 'rate must be a whole number'],
    ['nas1a:vol1 size=lots', 'size must be a size'],
    ['nas1a:/vol/v/q other:vol', 'is not on receiving filer nas01a-ibm'],
    ['nas1a:/vol/v/q nas01a-ibm:vdest', 'must both be volumes or both qtrees'],
    ['bad location!', 'destination is not a location'],
    ['x:y:z', 'source is not a location'],
  ])('rejects %s naming file:line and what was expected', (line, message) => {
    try {
      parse(`nas1a:ok\n${line}\n`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toMatch(/^scheduleSnapMirror_nas01a-ibm\.conf:2: /);
      expect((e as ConfigError).message).toContain(message);
    }
  });

  it('rejects a destination listed twice', () => {
    expect(() => parse('vol1\nnas1a:vol1\n')).toThrow(
      /:2: destination nas01a-ibm:R_vol1 already listed at line 1/,
    );
  });

  it('needs a pairing for the short form', () => {
    const unpaired = testConfig('  solo:\n    host: solo\n');
    expect(() => parseScheduleFile('vol1', 'x.conf', 'solo', unpaired)).toThrow(
      /needs filers.solo.sourceFiler/,
    );
  });

  it('parses sizes in powers of 1024', () => {
    expect(parseSize('1.5T')).toBe(1.5 * 1024 ** 4);
    expect(parseSize('512')).toBe(512);
    expect(parseSize('20GB')).toBe(20 * 1024 ** 3);
  });
});
