// A directory-backed XenStore for hosts without Xen and for demos: each node is a directory holding its
// value in `.value` and its permissions in `.perms` (xenstore names cannot contain dots). It records
// permissions but does not enforce them: it acts as one domain with full access.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@opskit/core';
import {
  assertValidPath,
  formatPermissions,
  parsePermissions,
  type XenStore,
  XenStoreError,
  type XsNodeInfo,
  type XsPermission,
} from './store.js';

export interface DirXenStoreOptions {
  /** The domain this store acts as (relative paths resolve under /local/domain/<domid>); default 0. */
  domid?: number;
}

export class DirXenStore implements XenStore {
  private readonly domid: number;
  constructor(
    readonly root: string,
    options: DirXenStoreOptions = {},
  ) {
    this.domid = options.domid ?? 0;
    mkdirSync(root, { recursive: true });
  }

  private abs(path: string): string {
    assertValidPath(path);
    return path.startsWith('/') ? path : `/local/domain/${this.domid}/${path}`;
  }
  private dir(path: string): string {
    return join(this.root, ...this.abs(path).split('/').filter(Boolean));
  }
  private isNode(dir: string): boolean {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  }

  async read(path: string): Promise<string | undefined> {
    const d = this.dir(path);
    if (!this.isNode(d)) return undefined;
    try {
      return readFileSync(join(d, '.value'), 'utf8');
    } catch {
      return '';
    }
  }

  async write(path: string, value: string): Promise<void> {
    const abs = this.abs(path);
    if (abs === '/') throw new XenStoreError('write', path, 'cannot write the root');
    const d = this.dir(path);
    mkdirSync(d, { recursive: true });
    writeFileAtomic(join(d, '.value'), value);
  }

  async list(path: string): Promise<string[] | undefined> {
    const d = this.dir(path);
    if (!this.isNode(d)) return undefined;
    return readdirSync(d, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  }

  async remove(path: string): Promise<void> {
    if (this.abs(path) === '/') throw new XenStoreError('remove', path, 'cannot remove the root');
    rmSync(this.dir(path), { recursive: true, force: true });
  }

  async getPermissions(path: string): Promise<XsPermission[] | undefined> {
    const d = this.dir(path);
    if (!this.isNode(d)) return undefined;
    try {
      return parsePermissions(readFileSync(join(d, '.perms'), 'utf8'));
    } catch {
      return [{ letter: 'n', domid: 0 }];
    }
  }

  async setPermissions(path: string, perms: XsPermission[]): Promise<void> {
    const d = this.dir(path);
    if (!this.isNode(d)) throw new XenStoreError('set-perms', path, 'no such node');
    if (perms.length === 0) throw new XenStoreError('set-perms', path, 'empty permission list');
    writeFileAtomic(join(d, '.perms'), `${formatPermissions(perms)}\n`);
  }

  async readTree(path: string): Promise<Map<string, XsNodeInfo>> {
    const out = new Map<string, XsNodeInfo>();
    const walk = async (p: string) => {
      for (const child of (await this.list(p)) ?? []) {
        const full = p === '/' ? `/${child}` : `${p}/${child}`;
        out.set(full, {
          value: (await this.read(full)) ?? '',
          perms: (await this.getPermissions(full)) ?? [],
        });
        await walk(full);
      }
    };
    await walk(this.abs(path));
    return out;
  }

  async getDomainPath(): Promise<string> {
    return `/local/domain/${this.domid}`;
  }
}
