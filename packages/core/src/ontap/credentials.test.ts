import { chmodSync, writeFileSync } from 'node:fs';
import { makeTempDir } from '@opskit/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { createLogger } from '../log.js';
import { credentialsEnvPrefix, loadOntapCredentials, parseCredentialsFile } from './credentials.js';

const dir = makeTempDir();
afterAll(() => dir.remove());

function credFile(name: string, text: string, mode: number): string {
  const path = dir.join(name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('ONTAP credentials', () => {
  it('names the environment variables after the filer', () => {
    expect(credentialsEnvPrefix('filer-13.example.com')).toBe('OPSKIT_ONTAP_FILER_13_EXAMPLE_COM');
  });

  it('reads the filer line of a 0600 file, else the * line', async () => {
    const file = credFile('ok', '# comment\nfiler13 root Pass word 1\n* admin fallbackPw\n', 0o600);
    expect(await loadOntapCredentials('FILER13', { file, env: {} })).toEqual({
      username: 'root',
      password: 'Pass word 1',
    });
    expect(await loadOntapCredentials('other', { file, env: {} })).toEqual({
      username: 'admin',
      password: 'fallbackPw',
    });
  });

  it('prefers the environment over the file', async () => {
    const file = credFile('env', 'filer13 root filePw\n', 0o600);
    const env = { OPSKIT_ONTAP_FILER13_USER: 'envuser', OPSKIT_ONTAP_FILER13_PASSWORD: 'envPw' };
    expect(await loadOntapCredentials('filer13', { file, env })).toEqual({
      username: 'envuser',
      password: 'envPw',
    });
  });

  it.each([0o640, 0o604, 0o644])(
    'refuses a credentials file with mode %o and says how to fix it',
    async (mode) => {
      const file = credFile(`open-${mode}`, 'filer13 root topSecretPw\n', mode);
      const err = await loadOntapCredentials('filer13', { file, env: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/readable by group or others/);
      expect((err as ConfigError).hint).toBe(`run: chmod 600 ${file}`);
    },
  );

  it('says which variables or file line are missing', async () => {
    const err = await loadOntapCredentials('f9', { env: {} }).catch((e: unknown) => e);
    expect((err as ConfigError).hint).toMatch(/OPSKIT_ONTAP_F9_USER and OPSKIT_ONTAP_F9_PASSWORD/);
  });

  it('reports a bad line by number, never its content, and masks passwords in later logs and errors', async () => {
    expect(() => parseCredentialsFile('filer13 onlyuser\n', '/etc/x')).toThrow(
      /\/etc\/x:1: expected "<filer> <user> <password>"/,
    );
    const file = credFile('mask', 'filer13 root Very-Secret-9\n', 0o600);
    await loadOntapCredentials('filer13', { file, env: {} });
    const lines: string[] = [];
    createLogger({ stream: { write: (s: string) => lines.push(s) } }).warn('login with Very-Secret-9 failed');
    expect(lines.join('')).not.toContain('Very-Secret-9');
    expect(new ConfigError('bad Very-Secret-9').message).not.toContain('Very-Secret-9');
  });
});
