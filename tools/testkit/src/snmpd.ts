// Starts a real Net-SNMP snmpd on 127.0.0.1 (foreground, own configuration and state directory) for
// tests, and stops it in teardown. Extend entries and users come from the caller.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { freePort, waitFor } from './process.js';
import { makeTempDir, type TempDir } from './temp.js';

export interface SnmpdOptions {
  /** Extra snmpd.conf lines (extend, view, rocommunity, createUser, rouser ...). */
  lines: string[];
  port?: number;
}

export interface TestSnmpd {
  port: number;
  /** `127.0.0.1:<port>` as snmpget takes it. */
  target: string;
  dir: TempDir;
  log(): string;
  stop(): Promise<void>;
}

export function requireSnmpd(): void {
  try {
    execFileSync('sh', ['-c', 'command -v snmpd && command -v snmpget'], { stdio: 'ignore' });
  } catch {
    throw new Error('snmpd and snmpget are needed: apt-get install snmpd snmp');
  }
}

export async function startSnmpd(options: SnmpdOptions): Promise<TestSnmpd> {
  requireSnmpd();
  const dir = makeTempDir('snmpd-');
  const port = options.port ?? (await freePort());
  const persist = dir.join('persist');
  mkdirSync(persist, { recursive: true });
  const conf = dir.join('snmpd.conf');
  writeFileSync(conf, [`agentaddress udp:127.0.0.1:${port}`, ...options.lines, ''].join('\n'));
  let out = '';
  const child: ChildProcess = spawn(
    'snmpd',
    [
      '-f',
      '-Lo',
      '-C',
      '-c',
      conf,
      '-p',
      dir.join('snmpd.pid'),
      `--persistentDir=${persist}`,
      '-M',
      '/dev/null',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MIBS: '' } },
  );
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  try {
    await waitFor(() => exited || /NET-SNMP version/.test(out), 20_000, `snmpd on port ${port}`);
    if (exited) throw new Error(`snmpd exited at start:\n${out}`);
  } catch (err) {
    child.kill('SIGKILL');
    dir.remove();
    throw err;
  }
  return {
    port,
    target: `127.0.0.1:${port}`,
    dir,
    log: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) {
          dir.remove();
          return resolve();
        }
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(t);
          dir.remove();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
