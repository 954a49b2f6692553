import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExecResult } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isXenDom0, readGuests } from './guests.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('stats-guests-');
});
afterEach(() => dir.remove());

function fakeDom0(): { procRoot: string; env: NodeJS.ProcessEnv } {
  mkdirSync(dir.join('proc', 'xen'), { recursive: true });
  writeFileSync(dir.join('proc', 'xen', 'capabilities'), 'control_d\n');
  mkdirSync(dir.join('bin'));
  return { procRoot: dir.join('proc'), env: { PATH: dir.join('bin') } };
}

/** Answers each command with its own output (one text for every command when given a string). */
function executor(outputs: string | Record<string, string | Error>, calls: string[][]) {
  return {
    run: async (command: string, args: readonly string[] = []): Promise<ExecResult> => {
      calls.push([command, ...args]);
      const out = typeof outputs === 'string' ? outputs : outputs[command];
      if (out instanceof Error) throw out;
      if (out === undefined) throw new Error(`unexpected command ${command}`);
      const stdout = out;
      return {
        command,
        args,
        exitCode: 0,
        signal: undefined,
        stdout,
        stderr: '',
        durationMs: 1,
        timedOut: false,
        failed: false,
        truncated: false,
        dryRun: false,
      };
    },
  };
}

describe('readGuests', () => {
  it('finds no guests on this machine, which is not a Xen dom0', async () => {
    expect(isXenDom0()).toBe(false);
    expect(await readGuests({ source: 'auto' })).toEqual({ source: 'none', guests: [] });
  });

  it('on a dom0 prefers xentop in batch mode with full names, with domain ids from xl list', async () => {
    const { procRoot, env } = fakeDom0();
    for (const p of ['xentop', 'xl']) {
      writeFileSync(dir.join('bin', p), '#!/bin/sh\n');
      chmodSync(dir.join('bin', p), 0o755);
    }
    const calls: string[][] = [];
    const r = await readGuests({
      source: 'auto',
      procRoot,
      env,
      executor: executor({ xentop: fixture('xentop-b-i2.txt'), xl: fixture('xl-list-i2.txt') }, calls),
    });
    expect(calls).toEqual([
      ['xentop', '-b', '-f', '-i', '1'],
      ['xl', 'list'],
    ]);
    expect(r.source).toBe('xentop + xl list');
    expect(r.guests).toHaveLength(4);
    expect(r.guests.map((g) => [g.name, g.domid, g.cpuDs])).toEqual([
      ['Domain-0', 0, 12360],
      ['web01-prod', 3, 980],
      ['db-main1', 5, 51230],
      ['paused7', 6, 120],
    ]);
    expect(r.warnings).toBeUndefined();
  });

  it('keeps the xentop figures without domain ids, with a warning, when xl list fails', async () => {
    const { procRoot, env } = fakeDom0();
    for (const p of ['xentop', 'xl']) {
      writeFileSync(dir.join('bin', p), '#!/bin/sh\n');
      chmodSync(dir.join('bin', p), 0o755);
    }
    const r = await readGuests({
      source: 'xentop',
      procRoot,
      env,
      executor: executor(
        { xentop: fixture('xentop-b-i2.txt'), xl: new Error('xl: exit code 1: libxl: cannot connect') },
        [],
      ),
    });
    expect(r.source).toBe('xentop');
    expect(r.guests.map((g) => g.domid)).toEqual([undefined, undefined, undefined, undefined]);
    expect(r.warnings).toEqual([
      'xl list failed, no domain ids in this sample: xl: exit code 1: libxl: cannot connect',
    ]);
  });

  it('runs xentop alone when xl is not installed', async () => {
    const { procRoot, env } = fakeDom0();
    writeFileSync(dir.join('bin', 'xentop'), '#!/bin/sh\n');
    chmodSync(dir.join('bin', 'xentop'), 0o755);
    const calls: string[][] = [];
    const r = await readGuests({
      procRoot,
      env,
      executor: executor({ xentop: fixture('xentop-b-i2.txt') }, calls),
    });
    expect(calls).toEqual([['xentop', '-b', '-f', '-i', '1']]);
    expect(r.source).toBe('xentop');
  });

  it('joins recorded xentop and xl list output by name when both files are given', async () => {
    const r = await readGuests({
      xentopFile: new URL('../../test/fixtures/xentop-b-restarted.txt', import.meta.url).pathname,
      xlFile: new URL('../../test/fixtures/xl-list-restarted.txt', import.meta.url).pathname,
    });
    expect(r.source).toMatch(/^file:.*xentop-b-restarted\.txt \+ file:.*xl-list-restarted\.txt$/);
    expect(r.guests.map((g) => [g.name, g.domid])).toEqual([
      ['Domain-0', 0],
      ['web01-prod', 9],
      ['db-main1', 5],
      ['paused7', 6],
    ]);
  });

  it('falls back to xl list when xentop is not installed', async () => {
    const { procRoot, env } = fakeDom0();
    writeFileSync(dir.join('bin', 'xl'), '#!/bin/sh\n');
    chmodSync(dir.join('bin', 'xl'), 0o755);
    const calls: string[][] = [];
    const r = await readGuests({
      source: 'auto',
      procRoot,
      env,
      executor: executor(fixture('xl-list.txt'), calls),
    });
    expect(calls).toEqual([['xl', 'list']]);
    expect(r.guests.map((g) => g.name)).toContain('my guest with spaces');
  });

  it('reads recorded output from a file, and says which file is missing', async () => {
    writeFileSync(dir.join('x.txt'), fixture('xentop-b-i2.txt'));
    expect((await readGuests({ xentopFile: dir.join('x.txt') })).guests).toHaveLength(4);
    await expect(readGuests({ xlFile: dir.join('nope.txt') })).rejects.toThrow(
      /cannot read .*nope\.txt: ENOENT/,
    );
  });
});
