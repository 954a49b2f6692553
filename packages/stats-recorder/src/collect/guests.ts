// Chooses and reads the guest source on a dom0: xentop (CPU, memory, network, block I/O) or xl list
// (CPU and memory only). Without a Xen control domain, guests are simply absent.
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { type Executor, exec, OpskitError, UsageError } from '@opskit/core';
import { type GuestSnapshot, parseXentopBatch, parseXlGuests } from './xentop.js';

export type GuestSourceName = 'auto' | 'xentop' | 'xl' | 'none';

export interface GuestSourceOptions {
  source?: GuestSourceName;
  /** Read recorded `xentop -b` output from this file instead of running xentop. */
  xentopFile?: string;
  /** Read recorded `xl list` output from this file instead of running xl. */
  xlFile?: string;
  /** Where procfs is mounted (the dom0 test reads <procRoot>/xen/capabilities). */
  procRoot?: string;
  executor?: Pick<Executor, 'run'>;
  env?: NodeJS.ProcessEnv;
}

export interface GuestReading {
  /** What produced the guest list: xentop, xl, a file, or none. */
  source: string;
  guests: GuestSnapshot[];
}

export function findProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {}
  }
  return undefined;
}

/** True on a Xen control domain (dom0): /proc/xen/capabilities says control_d. */
export function isXenDom0(procRoot = '/proc'): boolean {
  try {
    return readFileSync(join(procRoot, 'xen', 'capabilities'), 'utf8').includes('control_d');
  } catch {
    return false;
  }
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
}

export async function readGuests(options: GuestSourceOptions = {}): Promise<GuestReading> {
  if (options.xentopFile) {
    return {
      source: `file:${options.xentopFile}`,
      guests: parseXentopBatch(readFile(options.xentopFile), options.xentopFile),
    };
  }
  if (options.xlFile) {
    return {
      source: `file:${options.xlFile}`,
      guests: parseXlGuests(readFile(options.xlFile), options.xlFile),
    };
  }
  const run = options.executor ?? { run: exec };
  let source = options.source ?? 'auto';
  if (source === 'none') return { source: 'none', guests: [] };
  if (source === 'auto') {
    if (!isXenDom0(options.procRoot)) return { source: 'none', guests: [] };
    if (findProgram('xentop', options.env)) source = 'xentop';
    else if (findProgram('xl', options.env)) source = 'xl';
    else return { source: 'none', guests: [] };
  }
  if (source === 'xentop') {
    // One iteration is enough: rates come from our own deltas, not from xentop's CPU(%).
    const r = await run.run('xentop', ['-b', '-f', '-i', '1'], { timeoutMs: 30_000 });
    return { source: 'xentop', guests: parseXentopBatch(r.stdout, 'xentop -b') };
  }
  if (source === 'xl') {
    const r = await run.run('xl', ['list'], { timeoutMs: 30_000 });
    return { source: 'xl', guests: parseXlGuests(r.stdout, 'xl list') };
  }
  throw new OpskitError('E_USAGE', `unknown guest source "${String(source)}"`);
}
