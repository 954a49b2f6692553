import { describe, expect, it } from 'vitest';
import { createExecutor, ExecError, exec } from './exec.js';

const node = process.execPath;

describe('exec', () => {
  it('runs a program with an argument array and returns its output', async () => {
    const r = await exec(node, ['-e', 'process.stdout.write(process.argv[1])', 'a b; $(rm -rf /)']);
    expect(r.stdout).toBe('a b; $(rm -rf /)');
    expect(r.exitCode).toBe(0);
    expect(r.failed).toBe(false);
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('passes environment and cwd', async () => {
    const r = await exec(node, ['-e', 'process.stdout.write(process.env.OPSKIT_X + " " + process.cwd())'], {
      env: { OPSKIT_X: 'hello' },
      cwd: '/tmp',
    });
    expect(r.stdout).toBe('hello /tmp');
  });

  it('throws an ExecError with the exit code and the tail of stderr on a non-zero exit', async () => {
    const err = await exec(node, ['-e', 'console.error("boom: disk on fire"); process.exit(3)']).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ExecError);
    expect(err.result.exitCode).toBe(3);
    expect(err.message).toContain('exited with code 3');
    expect(err.message).toContain('boom: disk on fire');
    expect(err.stderrTail).toContain('boom');
  });

  it('returns the failed result instead of throwing when reject is false', async () => {
    const r = await exec(node, ['-e', 'process.exit(4)'], { reject: false });
    expect(r.exitCode).toBe(4);
    expect(r.failed).toBe(true);
  });

  it('kills a program that runs past its timeout', async () => {
    const started = Date.now();
    const err = await exec(node, ['-e', 'setTimeout(() => {}, 30000)'], { timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.result.timedOut).toBe(true);
    expect(err.message).toMatch(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('names a missing program clearly', async () => {
    const err = await exec('opskit-no-such-program', ['--x']).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.message).toContain('program not found: opskit-no-such-program');
    expect(err.hint).toContain('opskit-no-such-program');
    expect(err.result.exitCode).toBe(127);
  });

  it('stops a program whose output exceeds the cap', async () => {
    const err = await exec(node, ['-e', 'process.stdout.write("x".repeat(1e6))'], {
      maxOutputBytes: 1000,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.result.truncated).toBe(true);
    expect(err.message).toContain('output exceeded 1000 bytes');
  });

  it('writes input to standard input', async () => {
    const r = await exec('cat', [], { input: 'piped' });
    expect(r.stdout).toBe('piped');
  });
});

describe('dry-run executor', () => {
  it('records commands and runs nothing', async () => {
    const ex = createExecutor({ dryRun: true });
    const r = await ex.run('rm', ['-rf', '/definitely/not']);
    expect(r.dryRun).toBe(true);
    expect(ex.history).toEqual([{ command: 'rm', args: ['-rf', '/definitely/not'], cwd: undefined }]);
  });

  it('runs for real when not in dry-run mode', async () => {
    const ex = createExecutor();
    const r = await ex.run(node, ['-e', 'process.stdout.write("real")']);
    expect(r.stdout).toBe('real');
    expect(ex.history).toHaveLength(1);
  });
});
