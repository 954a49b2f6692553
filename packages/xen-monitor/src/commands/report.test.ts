import { type CommandArgs, UsageError } from '@opskit/core';
import { describe, expect, it } from 'vitest';
import { parseReportConfig } from '../report/config.js';
import { applyReportFlags } from './report.js';

const fromFile = parseReportConfig(
  JSON.stringify({ snmp: { communityFile: '/etc/opskit/snmp.community' }, dom0s: ['xa1'] }),
  'report.yaml',
);
const args = (a: Record<string, unknown>) => ({ _: [], $0: 'x', ...a }) as unknown as CommandArgs;

describe('community precedence: flag > OPSKIT_SNMP_COMMUNITY > configuration file', () => {
  it('lets --community beat the file’s communityFile', () => {
    const c = applyReportFlags(fromFile, args({ community: 'flagcomm' }), {
      OPSKIT_SNMP_COMMUNITY: 'envcomm',
    });
    expect(c.snmp.community).toBe('flagcomm');
    expect(c.snmp.communityFile).toBeUndefined();
  });
  it('lets the environment beat the file’s communityFile', () => {
    const c = applyReportFlags(fromFile, args({}), { OPSKIT_SNMP_COMMUNITY: 'envcomm' });
    expect(c.snmp).toMatchObject({ community: 'envcomm' });
    expect(c.snmp.communityFile).toBeUndefined();
  });
  it('lets --community-file beat the environment and a community in the file', () => {
    const withCommunity = parseReportConfig(
      JSON.stringify({ snmp: { community: 'filecomm' }, dom0s: ['x'] }),
    );
    const c = applyReportFlags(withCommunity, args({ communityFile: '/run/c' }), {
      OPSKIT_SNMP_COMMUNITY: 'e',
    });
    expect(c.snmp.communityFile).toBe('/run/c');
    expect(c.snmp.community).toBeUndefined();
  });
  it('keeps the file’s setting without flag or environment, and refuses both flags', () => {
    expect(applyReportFlags(fromFile, args({}), {}).snmp.communityFile).toBe('/etc/opskit/snmp.community');
    expect(() => applyReportFlags(fromFile, args({ community: 'a', communityFile: '/b' }), {})).toThrow(
      UsageError,
    );
  });
});
