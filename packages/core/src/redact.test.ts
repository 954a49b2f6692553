import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, OpskitError, RemoteError } from './errors.js';
import { createLogger } from './log.js';
import { clearSecrets, redact, redactValue, registerSecret } from './redact.js';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (s: string) => lines.push(s), isTTY: false } };
}

describe('redaction', () => {
  afterEach(() => clearSecrets());

  it.each([
    ['https://admin:Netapp123@filer1/servlets/netapp.servlets.admin.XMLrequest_filer', 'Netapp123'],
    ['password=hunter2 user=bob', 'hunter2'],
    ['bindpw: "s3cr3t!"', 's3cr3t!'],
    ['Authorization: Basic YWRtaW46TmV0YXBwMTIz', 'YWRtaW46TmV0YXBwMTIz'],
    ['snmpget -v2c -c private-community 127.0.0.1', 'private-community'],
    ['{"community":"xyzzy-comm"}', 'xyzzy-comm'],
  ])('masks the secret in %s', (text, secret) => {
    expect(redact(text)).not.toContain(secret);
    expect(redact(text)).toContain('***');
  });

  it('masks registered secret values wherever they appear', () => {
    registerSecret('Tr0ub4dor&3');
    expect(redact('bind failed for cn=admin with Tr0ub4dor&3 (49)')).toBe(
      'bind failed for cn=admin with *** (49)',
    );
  });

  it('masks a secret that contains another registered one whole', () => {
    registerSecret('admin1');
    registerSecret('admin12');
    expect(redact('pw admin12 and admin1')).toBe('pw *** and ***');
  });

  it('masks a quoted value whole and leaves file paths such as /etc/passwd readable', () => {
    expect(redact('password="two words" next')).toBe('password=*** next');
    expect(redact('open ../../etc/passwd: ENOENT')).toBe('open ../../etc/passwd: ENOENT');
  });

  it('masks fields whose names are secrets in structured values', () => {
    expect(
      redactValue({ user: 'root', password: 'x1', nested: { bindPassword: 'y2', snmpCommunity: 'z3' } }),
    ).toEqual({
      user: 'root',
      password: '***',
      nested: { bindPassword: '***', snmpCommunity: '***' },
    });
  });

  it('never lets a secret reach a log line, human or JSON, or a log file', () => {
    registerSecret('ultra-secret-pw');
    for (const json of [false, true]) {
      const out = capture();
      const log = createLogger({ json, stream: out.stream, level: 'debug' });
      log.info('connecting with ultra-secret-pw', {
        password: 'ultra-secret-pw',
        community: 'public2',
        url: 'http://u:p4ss@h/',
      });
      log.child({ bindpw: 'ultra-secret-pw' }).error('bind failed');
      const text = out.lines.join('');
      expect(text).not.toContain('ultra-secret-pw');
      expect(text).not.toContain('public2');
      expect(text).not.toContain('p4ss');
      expect(out.lines).toHaveLength(2);
    }
  });

  it('redacts secrets in error messages and hints', () => {
    registerSecret('letmein42');
    const errs = [
      new OpskitError('E_X', 'login as root/letmein42 failed', { hint: 'check letmein42' }),
      new RemoteError('https://root:letmein42@filer', 'HTTP 401'),
      new ConfigError('bad value letmein42', { file: 'a.conf', line: 3 }),
    ];
    for (const e of errs) {
      expect(e.message).not.toContain('letmein42');
      expect(e.hint ?? '').not.toContain('letmein42');
    }
    expect(errs[2]?.message).toBe('a.conf:3: bad value ***');
  });
});

describe('logger', () => {
  it('filters by level and writes JSON lines with fields', () => {
    const out = capture();
    const log = createLogger({ json: true, stream: out.stream, level: 'warn', now: () => 0 });
    log.info('hidden');
    log.warn('shown', { filer: 'f1' });
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0] ?? '')).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'warn',
      msg: 'shown',
      filer: 'f1',
    });
  });

  it('keeps every level in the log file whatever the console shows', () => {
    const out = capture();
    const dir = mkdtempSync(join(tmpdir(), 'opskit-log-'));
    const file = join(dir, 'run.log');
    const log = createLogger({ stream: out.stream, level: 'warn', file });
    log.debug('detail', { password: 'pw-in-file' });
    log.warn('trouble');
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    rmSync(dir, { recursive: true });
    expect(lines.map((l) => l.msg)).toEqual(['detail', 'trouble']);
    expect(JSON.stringify(lines)).not.toContain('pw-in-file');
    expect(out.lines).toHaveLength(1);
  });

  it('writes human lines with the level and key=value fields', () => {
    const out = capture();
    createLogger({ stream: out.stream, now: () => 0 }).info('transfer started', {
      dest: 'f2:R_vol1',
      kbps: 8704,
    });
    expect(out.lines[0]).toBe('00:00:00 INFO  transfer started dest=f2:R_vol1 kbps=8704\n');
  });
});
