// A read-through snapshot: one readTree() of a subtree answers every read, list and permission query
// below it (one xenstore-ls process instead of several per domain); writes go to the real store.
import type { XenStore, XsNodeInfo, XsPermission } from './store.js';

export class SnapshotXenStore implements XenStore {
  private readonly children = new Map<string, string[]>();

  private constructor(
    private readonly inner: XenStore,
    private readonly root: string,
    private readonly nodes: Map<string, XsNodeInfo>,
  ) {
    for (const path of nodes.keys()) {
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const list = this.children.get(parent) ?? [];
      list.push(path.slice(path.lastIndexOf('/') + 1));
      this.children.set(parent, list);
    }
  }

  static async of(inner: XenStore, root: string): Promise<SnapshotXenStore> {
    return new SnapshotXenStore(inner, root, await inner.readTree(root));
  }

  private covers(path: string): boolean {
    return path.startsWith(`${this.root}/`);
  }

  async read(path: string): Promise<string | undefined> {
    return this.covers(path) ? this.nodes.get(path)?.value : this.inner.read(path);
  }
  async list(path: string): Promise<string[] | undefined> {
    if (path === this.root) return this.children.get(path) ?? [];
    if (!this.covers(path)) return this.inner.list(path);
    return this.nodes.has(path) ? (this.children.get(path) ?? []) : undefined;
  }
  async getPermissions(path: string): Promise<XsPermission[] | undefined> {
    return this.covers(path) ? this.nodes.get(path)?.perms : this.inner.getPermissions(path);
  }
  async readTree(path: string): Promise<Map<string, XsNodeInfo>> {
    return this.inner.readTree(path);
  }
  write(path: string, value: string): Promise<void> {
    return this.inner.write(path, value);
  }
  remove(path: string): Promise<void> {
    return this.inner.remove(path);
  }
  setPermissions(path: string, perms: XsPermission[]): Promise<void> {
    return this.inner.setPermissions(path, perms);
  }
  getDomainPath(): Promise<string> {
    return this.inner.getDomainPath();
  }
}
