// `sbd-init`: writes the SBD header and node slots on shared disks with the real sbd tool, after making
// sure the disks are blank (wiping a disk that holds anything destroys data or a running cluster).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { type Executor, exec, OpskitError, UsageError } from '@opskit/core';

export interface SbdInitOptions {
  devices: string[];
  nodes: string[];
  watchdogTimeout: number;
  msgwait: number;
  /** overwrite a device that already carries a header or data */
  force?: boolean;
  run?: Executor['run'];
}

export interface SbdHeader {
  uuid?: string;
  slots?: number;
  sectorSize?: number;
  watchdog?: number;
  allocate?: number;
  loop?: number;
  msgwait?: number;
}

export interface SbdDeviceReport {
  device: string;
  header: SbdHeader;
  slots: { slot: number; node: string; message: string }[];
}

export interface SbdInitReport {
  ok: boolean;
  devices: SbdDeviceReport[];
  commands: string[];
}

/** sbd create overwrites about 1 MiB (4 MiB on 4k-sector disks): the area inspected before writing. */
export const INSPECT_BYTES = 4 * 1024 * 1024;

export function parseSbdDump(text: string): SbdHeader {
  const get = (label: string) => new RegExp(`^${label}\\s*:\\s*(\\S+)`, 'm').exec(text)?.[1];
  const num = (label: string) => {
    const v = get(label);
    return v === undefined ? undefined : Number(v);
  };
  const h: SbdHeader = {};
  const set = <K extends keyof SbdHeader>(k: K, v: SbdHeader[K] | undefined) => {
    if (v !== undefined) h[k] = v;
  };
  set('uuid', get('UUID'));
  set('slots', num('Number of slots'));
  set('sectorSize', num('Sector size'));
  set('watchdog', num('Timeout \\(watchdog\\)'));
  set('allocate', num('Timeout \\(allocate\\)'));
  set('loop', num('Timeout \\(loop\\)'));
  set('msgwait', num('Timeout \\(msgwait\\)'));
  return h;
}

export function parseSbdList(text: string): { slot: number; node: string; message: string }[] {
  return text
    .split('\n')
    .map((l) => /^(\d+)\s+(\S+)\s+(\S+)/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ slot: Number(m[1]), node: m[2]!, message: m[3]! }));
}

/** The first non-zero byte offset in the area sbd create would overwrite, or -1. */
export function firstNonZero(device: string, bytes = INSPECT_BYTES): number {
  const fd = openSync(device, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let offset = 0;
    while (offset < bytes) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, bytes - offset), offset);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) if (buf[i] !== 0) return offset + i;
      offset += n;
    }
    return -1;
  } finally {
    closeSync(fd);
  }
}

export async function sbdInit(options: SbdInitOptions): Promise<SbdInitReport> {
  const run = options.run ?? exec;
  const { devices, nodes, watchdogTimeout, msgwait } = options;
  if (devices.length < 1 || devices.length > 3)
    throw new UsageError(`sbd uses 1 to 3 devices, got ${devices.length}`);
  if (nodes.length === 0)
    throw new UsageError('no node names to allocate slots for', {
      hint: 'give --node NAME (repeatable) or --spec FILE',
    });
  if (msgwait < 2 * watchdogTimeout)
    throw new UsageError(`msgwait ${msgwait}s is below 2 x watchdog timeout (${2 * watchdogTimeout}s)`, {
      hint: 'sbd(8): msgwait should be twice the watchdog timeout',
    });
  for (const device of devices) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(device);
    } catch (err) {
      throw new OpskitError(
        'E_SBD_DEVICE',
        `${device}: ${(err as NodeJS.ErrnoException).code ?? 'cannot stat'}`,
      );
    }
    if (!st.isBlockDevice())
      throw new OpskitError('E_SBD_DEVICE', `${device} is not a block device`, {
        hint: 'sbd needs a block device (it asks the kernel for the sector size); for a file use losetup -f --show FILE',
      });
    if (options.force) continue;
    const dump = await run('sbd', ['-d', device, 'dump'], { reject: false, timeoutMs: 60_000 });
    if (dump.exitCode === 0) {
      const h = parseSbdDump(dump.stdout);
      throw new OpskitError(
        'E_SBD_EXISTS',
        `${device} already carries an SBD header (uuid ${h.uuid ?? '?'}, msgwait ${h.msgwait ?? '?'}s): refusing to overwrite it`,
        {
          hint: 'a live cluster may be using it; check "sbd -d DEVICE list", then use --force to re-initialise',
        },
      );
    }
    const at = firstNonZero(device);
    if (at >= 0)
      throw new OpskitError(
        'E_SBD_NOT_BLANK',
        `${device} holds data (first non-zero byte at offset ${at}): refusing to overwrite it`,
        {
          hint: 'sbd create overwrites the start of the disk; make sure it is the right disk, then use --force',
        },
      );
  }
  const dev = devices.flatMap((d) => ['-d', d]);
  const commands: string[] = [];
  const step = async (args: string[]) => {
    commands.push(['sbd', ...args].join(' '));
    return run('sbd', args, { timeoutMs: 120_000 });
  };
  await step([...dev, '-1', String(watchdogTimeout), '-4', String(msgwait), 'create']);
  for (const node of nodes) await step([...dev, 'allocate', node]);
  const reports: SbdDeviceReport[] = [];
  let ok = true;
  for (const device of devices) {
    const header = parseSbdDump((await step(['-d', device, 'dump'])).stdout);
    const slots = parseSbdList((await step(['-d', device, 'list'])).stdout);
    const allocated = nodes.every((n) => slots.some((s) => s.node === n && s.message === 'clear'));
    if (!allocated || header.watchdog !== watchdogTimeout || header.msgwait !== msgwait) ok = false;
    reports.push({ device, header, slots });
  }
  return { ok, devices: reports, commands };
}
