// XenStore over the real xenstore-* command-line clients (xenstore-utils), run through core's exec.
import { createExecutor, type ExecResult, type Executor } from '@opskit/core';
import { unsanitiseValue } from './escape.js';
import {
  assertValidPath,
  parsePermissions,
  type XenStore,
  XenStoreError,
  type XsNodeInfo,
  type XsPermission,
} from './store.js';

export interface CliXenStoreOptions {
  /** XENSTORED_PATH for the clients: a dom0 socket or a guest device (default: the clients' own choice). */
  socketPath?: string;
  /** Directory holding the xenstore-* programs (default: found on PATH). */
  binDir?: string;
  timeoutMs?: number;
  /** Most output read from one client run (default 8 MiB); more is an error, never parsed. */
  maxOutputBytes?: number;
  executor?: Executor;
}

/** Most output read from one client run; guest-written values come back escaped, up to 4 bytes each. */
const OUTPUT_MAX = 8 * 1024 * 1024;

export class CliXenStore implements XenStore {
  private readonly exec: Executor;
  constructor(private readonly options: CliXenStoreOptions = {}) {
    this.exec = options.executor ?? createExecutor();
  }

  private run(tool: string, args: string[]): Promise<ExecResult> {
    const command = this.options.binDir ? `${this.options.binDir}/${tool}` : tool;
    const env: Record<string, string> = {};
    if (this.options.socketPath) env['XENSTORED_PATH'] = this.options.socketPath;
    return this.exec.run(command, args, {
      env,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      reject: false,
      maxOutputBytes: this.options.maxOutputBytes ?? OUTPUT_MAX,
    });
  }

  private fail(op: string, path: string, r: ExecResult): never {
    if (r.truncated)
      throw new XenStoreError(
        op,
        path,
        `${r.command} output over the ${this.options.maxOutputBytes ?? OUTPUT_MAX}-byte limit (cut off; not parsed)`,
      );
    const why = (r.stderr.trim() || `exit code ${r.exitCode}`).split('\n').pop() ?? '';
    throw new XenStoreError(op, path, r.timedOut ? 'timed out' : why, {
      hint: /xs_open/.test(why) ? 'is xenstored running, and may this user open its socket?' : undefined,
    });
  }

  private static unreachable(r: ExecResult): boolean {
    return /xs_open|xs_daemon_open/.test(r.stderr) || r.timedOut || r.truncated || r.signal !== undefined;
  }

  /** Runs a client that must succeed. */
  private async call(op: string, path: string, tool: string, args: string[]): Promise<ExecResult> {
    assertValidPath(path);
    const r = await this.run(tool, args);
    if (r.exitCode !== 0) this.fail(op, path, r);
    return r;
  }

  /**
   * Runs a client that fails on a missing node: undefined then. The clients print no errno, so a failure
   * counts as "missing" only when the nearest listable ancestor lacks the next name; a node that exists
   * but cannot be read (EACCES, E2BIG) or sits below a node this domain may not list throws, as does a
   * daemon out of reach.
   */
  private async query(
    op: string,
    path: string,
    tool: string,
    args: string[],
  ): Promise<ExecResult | undefined> {
    assertValidPath(path);
    const r = await this.run(tool, args);
    if (r.exitCode === 0) return r;
    if (CliXenStore.unreachable(r)) this.fail(op, path, r);
    if (await this.isMissing(path)) return undefined;
    throw new XenStoreError(
      op,
      path,
      `${tool} failed on a node that exists or lies below one this domain may not list (permission denied or too big)`,
    );
  }

  /** True when `path` does not exist, as far as listing its ancestors shows. */
  private async isMissing(path: string): Promise<boolean> {
    let child = path;
    for (;;) {
      const cut = child.lastIndexOf('/');
      // a one-part relative path: its parent is this domain's own home, always listable by it
      if (cut < 0) return true;
      const parent = child.slice(0, cut) || '/';
      const r = await this.run('xenstore-list', ['--', parent]);
      if (r.exitCode === 0) return !r.stdout.split('\n').includes(child.slice(cut + 1));
      if (CliXenStore.unreachable(r) || parent === '/') return false;
      child = parent;
    }
  }

  async read(path: string): Promise<string | undefined> {
    const out = (await this.query('read', path, 'xenstore-read', ['-R', '--', path]))?.stdout;
    return out?.endsWith('\n') ? out.slice(0, -1) : out;
  }

  async write(path: string, value: string): Promise<void> {
    // `--`: a value (or relative path) starting with "-" is not an option
    await this.call('write', path, 'xenstore-write', ['-R', '--', path, value]);
  }

  async list(path: string): Promise<string[] | undefined> {
    return (await this.query('list', path, 'xenstore-list', ['--', path]))?.stdout
      .split('\n')
      .filter(Boolean);
  }

  async remove(path: string): Promise<void> {
    await this.call('remove', path, 'xenstore-rm', ['--', path]);
  }

  /** Read from `xenstore-ls -f -p <parent>` (the only client that shows permissions; -f never truncates). */
  async getPermissions(path: string): Promise<XsPermission[] | undefined> {
    assertValidPath(path);
    if (!path.startsWith('/')) path = `${await this.getDomainPath()}/${path}`;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const r = await this.query('get-perms', path, 'xenstore-ls', ['-f', '-p', '--', parent]);
    return r && parseLsFull(r.stdout).get(path)?.perms;
  }

  /** One `xenstore-ls -f -p` run: the whole subtree, values unescaped (each node is one line). */
  async readTree(path: string): Promise<Map<string, XsNodeInfo>> {
    return parseLsFull((await this.call('ls', path, 'xenstore-ls', ['-f', '-p', '--', path])).stdout);
  }

  async setPermissions(path: string, perms: XsPermission[]): Promise<void> {
    await this.call('set-perms', path, 'xenstore-chmod', [
      '--',
      path,
      ...perms.map((p) => `${p.letter}${p.domid}`),
    ]);
  }

  async getDomainPath(): Promise<string> {
    const domid = await this.read('domid');
    if (domid === undefined || !/^\d+$/.test(domid.trim()))
      throw new XenStoreError('read', 'domid', 'cannot read own domid', {
        hint: 'inside a domU this needs the xenbus device (is xenfs mounted on /proc/xen?)',
      });
    return `/local/domain/${Number(domid.trim())}`;
  }
}

/** Parses `xenstore-ls -f -p` lines: `/path = "escaped value"   (n0,r3)`; lines without a value are skipped. */
export function parseLsFull(text: string): Map<string, XsNodeInfo> {
  const out = new Map<string, XsNodeInfo>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf(' = "');
    const perms = /"\s+\(([nrwb0-9,]+)\)$/.exec(line);
    if (eq <= 0 || !perms) continue;
    const path = line.slice(0, eq);
    const value = line.slice(eq + 4, perms.index);
    out.set(path, { value: unsanitiseValue(value), perms: parsePermissions(perms[1]!) });
  }
  return out;
}
