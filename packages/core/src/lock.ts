// Cron locks: a lock file created exclusively with the holder's pid inside; a lock left by a dead
// process (kill -9, reboot) is taken over, a live holder makes the run stop with LockedError.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { LockedError, OpskitError } from './errors.js';

export interface LockHandle {
  readonly path: string;
  /** Whether a stale lock from a dead process was taken over. */
  readonly tookOver: boolean;
  release(): void;
}

interface LockOwner {
  pid: number;
  start: string | undefined;
  host: string | undefined;
}

/** Start time of a process from /proc (field 22), to tell a live holder from a reused pid. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host && owner.host !== hostname()) return true; // cannot judge another host's process: assume alive
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return !(owner.start && start && owner.start !== start);
}

function readOwner(path: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const fields = Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.split('=', 2))
      .filter((kv): kv is [string, string] => kv.length === 2),
  );
  const pid = Number(fields['pid'] ?? text.trim());
  // An empty or unreadable lock file is a writer that died between create and write: treat as pid 0 (dead).
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, start: fields['start'], host: fields['host'] };
}

/**
 * Creates the lock with its content in one step: the owner is written to a private file which is then
 * hard-linked to the lock path (link fails if the lock exists), so nobody ever sees an empty lock.
 */
function tryCreate(path: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch (err) {
    throw new OpskitError('E_LOCK', `cannot create lock ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    writeSync(fd, `pid=${process.pid}\nstart=${processStart(process.pid) ?? ''}\nhost=${hostname()}\n`);
    fsyncSync(fd);
    closeSync(fd);
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OpskitError('E_LOCK', `cannot create lock ${path}: ${(err as Error).message}`, { cause: err });
  } finally {
    safeUnlink(tmp);
  }
}

function deadOwner(owner: LockOwner | undefined, path?: string): boolean {
  if (owner === undefined) return false;
  // An empty or garbled lock (an older writer that died mid-write) is stale once it is a few seconds old.
  if (owner.pid === 0) return path === undefined || safeAge(path) > 5000;
  return !isAlive(owner);
}

/**
 * Takes the lock at `path` or throws LockedError. Breaking a stale lock is itself guarded by a
 * short-lived `<path>.break` lock so two processes never both take over the same stale lock.
 */
export function acquireLock(path: string): LockHandle {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path)) return handle(path, attempt > 0);
    const owner = readOwner(path);
    if (owner === undefined) continue; // released meanwhile: try again
    if (!deadOwner(owner, path)) throw new LockedError(path, owner.pid);
    const breaker = `${path}.break`;
    if (!tryCreate(breaker)) {
      const b = readOwner(breaker);
      const age = safeAge(breaker);
      if (deadOwner(b) || age > 10_000) safeUnlink(breaker);
      continue;
    }
    try {
      const again = readOwner(path);
      if (again && again.pid === owner.pid && again.start === owner.start && deadOwner(again, path)) {
        const aside = `${path}.stale-${process.pid}`;
        try {
          renameSync(path, aside);
          safeUnlink(aside);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    } finally {
      safeUnlink(breaker);
    }
  }
  const owner = readOwner(path);
  throw new LockedError(path, owner?.pid);
}

function handle(path: string, tookOver: boolean): LockHandle {
  let released = false;
  return {
    path,
    tookOver,
    release() {
      if (released) return;
      released = true;
      const owner = readOwner(path);
      if (owner?.pid === process.pid) safeUnlink(path);
    },
  };
}

/** Runs `fn` holding the lock, releasing it afterwards whatever happens. */
export async function withLock<T>(path: string, fn: (lock: LockHandle) => Promise<T>): Promise<T> {
  const lock = acquireLock(path);
  try {
    return await fn(lock);
  } finally {
    lock.release();
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function safeAge(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
