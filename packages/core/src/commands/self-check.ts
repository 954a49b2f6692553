// `opskit self-check`: proves on this host that the core's moving parts work (a real exec, a timeout,
// the cron lock, an atomic write, redaction) and lists which peer programs the tools can use.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecError, exec } from '../exec.js';
import { writeFileAtomic } from '../fs.js';
import { acquireLock } from '../lock.js';
import { redact } from '../redact.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SelfCheckReport {
  node: string;
  ok: boolean;
  checks: CheckResult[];
  programs: { program: string; usedBy: string; found: boolean }[];
}

const PEERS: [string, string][] = [
  ['snmpget', 'xen-monitor (tests)'],
  ['snmpd', 'xen-monitor (tests)'],
  ['xenstore-read', 'xen-monitor'],
  ['xl', 'xen-monitor, stats-recorder'],
  ['svnauthz', 'websvn-authz'],
  ['slapd', 'websvn-authz (tests)'],
  ['crm_verify', 'ha-setup'],
  ['crm_simulate', 'ha-setup'],
  ['corosync', 'ha-setup'],
  ['sbd', 'ha-setup'],
];

async function check(name: string, fn: () => Promise<string>): Promise<CheckResult> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message };
  }
}

async function which(program: string): Promise<boolean> {
  const dirs = (process.env['PATH'] ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  const { access, constants } = await import('node:fs/promises');
  for (const dir of dirs) {
    try {
      await access(join(dir, program), constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

export async function selfCheck(): Promise<SelfCheckReport> {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-self-check-'));
  try {
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const checks = [
      await check('node version', async () => {
        if (major < 20 || (major === 20 && minor < 19))
          throw new Error(`Node ${process.versions.node} is older than 20.19`);
        return `Node ${process.versions.node}`;
      }),
      await check('exec', async () => {
        const r = await exec(process.execPath, ['-e', 'process.stdout.write("ok")']);
        if (r.stdout !== 'ok') throw new Error(`unexpected output ${JSON.stringify(r.stdout)}`);
        return `ran ${process.execPath} in ${r.durationMs.toFixed(0)} ms`;
      }),
      await check('exec timeout', async () => {
        try {
          await exec(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 });
        } catch (err) {
          if (err instanceof ExecError && err.result.timedOut)
            return 'a 10 s program was stopped after 200 ms';
          throw err;
        }
        throw new Error('the program was not stopped');
      }),
      await check('cron lock', async () => {
        const path = join(dir, 'run.lock');
        const lock = acquireLock(path);
        let refused = false;
        try {
          acquireLock(path);
        } catch {
          refused = true;
        }
        lock.release();
        if (!refused) throw new Error('a second holder was not refused');
        return 'second holder refused; released';
      }),
      await check('atomic write', async () => {
        const path = join(dir, 'file');
        writeFileAtomic(path, 'one');
        writeFileAtomic(path, 'two');
        if (readFileSync(path, 'utf8') !== 'two') throw new Error('content mismatch');
        return 'write, fsync, rename';
      }),
      await check('redaction', async () => {
        const text = redact('ldap://cn=admin:s3cret@host password=hunter2');
        if (/s3cret|hunter2/.test(text)) throw new Error('a secret leaked');
        return text;
      }),
    ];
    const programs = await Promise.all(
      PEERS.map(async ([program, usedBy]) => ({ program, usedBy, found: await which(program) })),
    );
    return { node: process.versions.node, ok: checks.every((c) => c.ok), checks, programs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
