import { chmodSync, chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { readSecretFile, writeFileAtomic } from './fs.js';
import { clearSecrets, redact } from './redact.js';

describe('files', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => {
    tmp.remove();
    clearSecrets();
  });

  it('replaces a file atomically and keeps its mode', () => {
    const path = tmp.join('authz');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(tmp.path)).toEqual(['authz']);
  });

  it('keeps a mode the umask would filter, and the owner and group of the file it replaces', () => {
    const path = tmp.join('authz');
    writeFileSync(path, 'old');
    chmodSync(path, 0o664);
    const previous = process.umask(0o022);
    try {
      if (process.getuid?.() === 0) chownSync(path, 33, 33); // as root, e.g. www-data
      writeFileAtomic(path, 'new');
    } finally {
      process.umask(previous);
    }
    const st = statSync(path);
    expect(st.mode & 0o777).toBe(0o664);
    if (process.getuid?.() === 0) expect([st.uid, st.gid]).toEqual([33, 33]);
  });

  it('creates a new file with the requested mode exactly', () => {
    const path = tmp.join('fresh');
    const previous = process.umask(0o077);
    try {
      writeFileAtomic(path, 'x', { mode: 0o644 });
    } finally {
      process.umask(previous);
    }
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('refuses a secret file readable by others, saying how to fix it', async () => {
    const path = tmp.join('creds');
    writeFileSync(path, 'pw');
    chmodSync(path, 0o644);
    const err = await readSecretFile(path).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('readable by group or others (mode 0644)');
    expect(err.hint).toBe(`run: chmod 600 ${path}`);
  });

  it('reads a private secret file and registers its values for redaction', async () => {
    const path = tmp.join('creds');
    writeFileSync(path, 'Zz-topsecret-9\n', { mode: 0o600 });
    expect((await readSecretFile(path)).trim()).toBe('Zz-topsecret-9');
    expect(redact('using Zz-topsecret-9')).toBe('using ***');
  });
});
