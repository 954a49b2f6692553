// Chooses and reads the guest source on a dom0: xentop (CPU, memory, network, block I/O) or xl list
// (CPU and memory only). xentop shows no domain id, so `xl list` is read in the same run when it is
// there: a restarted guest (new domid) then starts a new series even when its counters came out
// higher. Without a Xen control domain, guests are simply absent.
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
  /** What produced the guest list: xentop, xl, xentop + xl list, a file, or none. */
  source: string;
  guests: GuestSnapshot[];
  /** Problems that did not stop the reading (xl list failed: no domain ids this time). */
  warnings?: string[];
}

/** Gives each xentop guest the domain id `xl list` shows for the same name. */
export function attachDomids(guests: GuestSnapshot[], xl: readonly GuestSnapshot[]): GuestSnapshot[] {
  const ids = new Map(xl.map((g) => [g.name, g.domid]));
  return guests.map((g) => {
    const domid = ids.get(g.name);
    return domid === undefined ? g : { ...g, domid };
  });
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
    const guests = parseXentopBatch(readFile(options.xentopFile), options.xentopFile);
    if (!options.xlFile) return { source: `file:${options.xentopFile}`, guests };
    return {
      source: `file:${options.xentopFile} + file:${options.xlFile}`,
      guests: attachDomids(guests, parseXlGuests(readFile(options.xlFile), options.xlFile)),
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
    const guests = parseXentopBatch(r.stdout, 'xentop -b');
    if (!findProgram('xl', options.env)) return { source: 'xentop', guests };
    try {
      const xl = await run.run('xl', ['list'], { timeoutMs: 30_000 });
      return {
        source: 'xentop + xl list',
        guests: attachDomids(guests, parseXlGuests(xl.stdout, 'xl list')),
      };
    } catch (err) {
      // The xentop figures are good: record them, restarts are then caught by counters going back.
      return {
        source: 'xentop',
        guests,
        warnings: [`xl list failed, no domain ids in this sample: ${(err as Error).message}`],
      };
    }
  }
  if (source === 'xl') {
    const r = await run.run('xl', ['list'], { timeoutMs: 30_000 });
    return { source: 'xl', guests: parseXlGuests(r.stdout, 'xl list') };
  }
  throw new OpskitError('E_USAGE', `unknown guest source "${String(source)}"`);
}
