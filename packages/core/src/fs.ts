// Files that are never half-written, and secret files that must not be readable by others.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from './errors.js';
import { registerSecret } from './redact.js';

export interface AtomicWriteOptions {
  /** File mode; by default the existing file's mode is kept, else 0644. */
  mode?: number;
}

/**
 * Writes to a temporary file beside the target, fsyncs it, then renames it over the target. The new
 * file gets exactly the old file's mode (not filtered by the umask) and, when allowed, its owner and
 * group, so a root cron job rewriting a root:www-data 0640 file keeps Apache able to read it.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  let mode = options.mode;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = statSync(path);
    mode ??= st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch {
    mode ??= 0o644;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    if (owner && (owner.uid !== process.getuid?.() || owner.gid !== process.getgid?.())) {
      try {
        fchownSync(fd, owner.uid, owner.gid);
      } catch (err) {
        // Only root may give a file away; an ordinary user keeps the file as its own.
        if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
      }
    }
    fchmodSync(fd, mode);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {}
    try {
      unlinkSync(tmp);
    } catch {}
    throw err;
  }
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // directories cannot be fsynced on every filesystem; the rename is still atomic
  }
}

/**
 * Reads a file holding secrets, refusing it when group or others may read it. Each non-empty value
 * read is registered for redaction.
 */
export async function readSecretFile(path: string): Promise<string> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    throw new ConfigError(`cannot read secret file: ${(err as Error).message}`, { file: path });
  }
  if ((st.mode & 0o077) !== 0) {
    throw new ConfigError(
      `secret file is readable by group or others (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')})`,
      { file: path },
      { hint: `run: chmod 600 ${path}` },
    );
  }
  const text = await readFile(path, 'utf8');
  for (const line of text.split('\n')) if (!line.trim().startsWith('#')) registerSecret(line.trim());
  return text;
}
