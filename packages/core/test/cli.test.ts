// The core CLI run as a user runs it: a real process on the built bin, and runCli's exit-code mapping.

import { ConfigError, NagiosCode, RemoteError, runCli } from '@opskit/core';
import { builtBin, runNode } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';

function io() {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

const spec = (run: () => Promise<number | undefined>, nagios = false) => ({
  name: 'demo',
  version: '1.2.3',
  description: 'demo tool',
  commands: [{ command: 'go', describe: 'do it', nagios, run }],
});

describe('runCli', () => {
  it('maps a config error to exit 2 with a one-line message and no stack', async () => {
    const s = io();
    const code = await runCli(
      spec(async () => {
        throw new ConfigError('expected a number', { file: 'x.conf', line: 4 });
      }),
      ['go'],
      s,
    );
    expect(code).toBe(2);
    expect(s.err).toBe('demo: error: x.conf:4: expected a number\n');
  });

  it('maps a remote error to exit 1 and shows the stack only with --debug', async () => {
    const fail = async () => {
      throw new RemoteError('filer1', 'connection refused');
    };
    const plain = io();
    expect(await runCli(spec(fail), ['go'], plain)).toBe(1);
    expect(plain.err.trim().split('\n')).toHaveLength(1);
    const debug = io();
    expect(await runCli(spec(fail), ['go', '--debug'], debug)).toBe(1);
    expect(debug.err).toContain('at ');
  });

  it('maps errors of a monitoring command to UNKNOWN (3)', async () => {
    const s = io();
    const code = await runCli(
      spec(async () => Promise.reject(new Error('no /proc')), true),
      ['go'],
      s,
    );
    expect(code).toBe(NagiosCode.UNKNOWN);
    expect(s.err).toContain('UNKNOWN: no /proc');
  });

  it('returns the command exit code and usage errors as 2', async () => {
    expect(
      await runCli(
        spec(async () => 1),
        ['go'],
        io(),
      ),
    ).toBe(1);
    const s = io();
    expect(
      await runCli(
        spec(async () => 0),
        ['go', '--bogus'],
        s,
      ),
    ).toBe(2);
    expect(s.err).toContain('Unknown argument');
  });

  it('prints help and version', async () => {
    const h = io();
    expect(
      await runCli(
        spec(async () => 0),
        ['--help'],
        h,
      ),
    ).toBe(0);
    expect(h.out).toContain('demo tool');
    expect(h.out).toContain('--json');
    const v = io();
    await runCli(
      spec(async () => 0),
      ['--version'],
      v,
    );
    expect(v.out.trim()).toBe('1.2.3');
  });
});

describe('opskit bin (a real process)', () => {
  it('runs self-check and prints JSON', async () => {
    const r = await runNode(builtBin('core'), ['self-check', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c: { name: string }) => c.name)).toContain('cron lock');
  });

  it('exits 2 on an unknown command', async () => {
    const r = await runNode(builtBin('core'), ['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('opskit: error:');
  });

  it('prints a completion script', async () => {
    const r = await runNode(builtBin('core'), ['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete');
  });
});
