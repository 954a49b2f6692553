import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockedError } from './errors.js';
import { acquireLock, withLock } from './lock.js';

const lockModule = resolve(import.meta.dirname, '..', 'dist', 'lock.js');

/** A real process that takes the lock, prints "locked" and holds it until killed. */
function holder(path: string) {
  const script = `import { acquireLock } from ${JSON.stringify(lockModule)};
    try { acquireLock(${JSON.stringify(path)}); console.log('locked'); setInterval(() => {}, 1000); }
    catch (e) { console.log('refused ' + e.code); process.exit(5); }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise<string>((res) => {
    child.stdout.setEncoding('utf8').once('data', (d: string) => res(d.trim()));
  });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, firstLine, exited };
}

describe('cron lock', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  it('writes the pid inside and removes the file on release', () => {
    const path = tmp.join('job.lock');
    const lock = acquireLock(path);
    expect(readFileSync(path, 'utf8')).toContain(`pid=${process.pid}`);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a second process while the first holds the lock, then lets it in', async () => {
    const path = tmp.join('job.lock');
    const first = holder(path);
    expect(await first.firstLine).toBe('locked');
    const second = holder(path);
    expect(await second.firstLine).toBe('refused E_LOCKED');
    expect(await second.exited).toBe(5);
    expect(() => acquireLock(path)).toThrow(LockedError);
    first.child.kill('SIGTERM');
    await first.exited;
  });

  it('takes over a stale lock left by a process killed with kill -9', async () => {
    const path = tmp.join('job.lock');
    const first = holder(path);
    expect(await first.firstLine).toBe('locked');
    const pid = first.child.pid;
    first.child.kill('SIGKILL');
    await first.exited;
    expect(readFileSync(path, 'utf8')).toContain(`pid=${pid}`);
    const lock = acquireLock(path);
    expect(lock.tookOver).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(`pid=${process.pid}`);
    lock.release();
  });

  it('lets exactly one of several processes take over the same stale lock', async () => {
    const path = tmp.join('job.lock');
    writeFileSync(path, 'pid=999999\nstart=1\n');
    const racers = Array.from({ length: 4 }, () => holder(path));
    const lines = await Promise.all(racers.map((r) => r.firstLine));
    expect(lines.filter((l) => l === 'locked')).toHaveLength(1);
    for (const r of racers) r.child.kill('SIGKILL');
    await Promise.all(racers.map((r) => r.exited));
  });

  it('treats an old empty lock file (a writer that died mid-write) as stale, but not a fresh one', () => {
    const path = tmp.join('job.lock');
    writeFileSync(path, '');
    expect(() => acquireLock(path)).toThrow(LockedError);
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const lock = acquireLock(path);
    expect(lock.tookOver).toBe(true);
    lock.release();
  });

  it('leaves no temporary files behind', () => {
    const lock = acquireLock(tmp.join('job.lock'));
    expect(readdirSync(tmp.path)).toEqual(['job.lock']);
    lock.release();
    expect(readdirSync(tmp.path)).toEqual([]);
  });

  it('withLock releases even when the work throws', async () => {
    const path = tmp.join('job.lock');
    await expect(
      withLock(path, async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(existsSync(join(tmp.path, 'job.lock'))).toBe(false);
  });
});
