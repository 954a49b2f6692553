// The data model of the test xenstored: nodes with values, ordered children and permission lists, the
// permission rules of C xenstored 4.17 and copy-on-start transactions with conflict detection at commit.

export type PermLetter = 'n' | 'r' | 'w' | 'b';
export interface XsPerm {
  letter: PermLetter;
  domid: number;
}

export interface XsNode {
  value: Buffer;
  perms: XsPerm[];
  children: string[];
  /** Global generation at the last change of this node (value, perms or children). */
  gen: number;
}

/** A failure answered on the wire as an errno name (EACCES, ENOENT, ...). */
export class XsError extends Error {
  constructor(readonly errno: string) {
    super(errno);
  }
}

const VALID = /^[A-Za-z0-9\-/_@]+$/;
export const PAYLOAD_MAX = 4096;
export const ABS_PATH_MAX = 3072;
export const NODE_SIZE_MAX = 2048;

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Resolves a request path for a connection of `domid`: relative paths live under its home. */
export function resolvePath(raw: string, domid: number): string {
  const path = raw.startsWith('/') ? raw : `/local/domain/${domid}/${raw}`;
  if (raw === '' || !VALID.test(path) || path.includes('//') || (path !== '/' && path.endsWith('/')))
    throw new XsError('EINVAL');
  if (path.length > ABS_PATH_MAX) throw new XsError('EINVAL');
  return path;
}

export function parsePerm(text: string): XsPerm {
  const m = /^([nrwb])(\d+)$/.exec(text);
  if (!m) throw new XsError('EINVAL');
  return { letter: m[1] as PermLetter, domid: Number(m[2]) };
}
export const formatPerm = (p: XsPerm) => `${p.letter}${p.domid}`;

/** What `domid` may do on a node: privileged and owner get everything, else the first matching entry. */
export function permFor(node: XsNode, domid: number): PermLetter {
  if (domid === 0) return 'b';
  const [owner, ...rest] = node.perms;
  if (!owner || owner.domid === domid) return 'b';
  return rest.find((p) => p.domid === domid)?.letter ?? owner.letter;
}
/** A node's stored size as C xenstored 4.17 counts it for the quota: header, perms, value, child names. */
export function nodeSize(value: Buffer, perms: readonly XsPerm[], children: readonly string[]): number {
  return 3 * 4 + perms.length * 8 + value.length + children.reduce((s, c) => s + c.length + 1, 0);
}

export const canRead = (l: PermLetter) => l === 'r' || l === 'b';
export const canWrite = (l: PermLetter) => l === 'w' || l === 'b';

export function cloneNode(n: XsNode): XsNode {
  return { value: n.value, perms: n.perms.map((p) => ({ ...p })), children: [...n.children], gen: n.gen };
}

/** The whole store: one map from absolute path to node. */
export class XsTree {
  nodes = new Map<string, XsNode>();
  gen = 1;

  constructor() {
    for (const p of ['/', '/tool', '/tool/xenstored']) this.put(p, '', [{ letter: 'n', domid: 0 }]);
  }

  get(path: string): XsNode | undefined {
    return this.nodes.get(path);
  }

  private put(path: string, value: string | Buffer, perms: XsPerm[]): XsNode {
    const node: XsNode = { value: Buffer.from(value), perms, children: [], gen: this.gen };
    this.nodes.set(path, node);
    if (path !== '/') {
      const parent = this.nodes.get(parentOf(path));
      if (parent && !parent.children.includes(baseOf(path))) {
        parent.children.push(baseOf(path));
        parent.gen = this.gen;
      }
    }
    return node;
  }

  private touch(node: XsNode): void {
    node.gen = ++this.gen;
  }

  /** The nearest existing ancestor of a missing `path`. */
  private nearestAncestor(path: string): XsNode {
    let at = parentOf(path);
    while (!this.nodes.has(at)) at = parentOf(at);
    return this.nodes.get(at)!;
  }

  /**
   * As C xenstored's get_node and errno_from_parents: a node without the permission is EACCES, and a
   * missing node is EACCES too when its nearest existing ancestor is unreadable (no probing for names).
   */
  private checkedNode(path: string, domid: number, need: 'read' | 'write'): XsNode {
    const node = this.nodes.get(path);
    if (!node) {
      throw new XsError(canRead(permFor(this.nearestAncestor(path), domid)) ? 'ENOENT' : 'EACCES');
    }
    const letter = permFor(node, domid);
    if (!(need === 'read' ? canRead(letter) : canWrite(letter))) throw new XsError('EACCES');
    return node;
  }

  /** DIRECTORY_PART's view: the children and the node's generation. */
  directoryPart(path: string, domid: number): { children: string[]; gen: number } {
    const node = this.checkedNode(path, domid, 'read');
    return { children: [...node.children], gen: node.gen };
  }

  read(path: string, domid: number): Buffer {
    return this.checkedNode(path, domid, 'read').value;
  }

  directory(path: string, domid: number): string[] {
    return [...this.checkedNode(path, domid, 'read').children];
  }

  getPerms(path: string, domid: number): XsPerm[] {
    return this.checkedNode(path, domid, 'read').perms;
  }

  /** Creates `path` and missing parents (empty values), checking write access on the nearest ancestor. */
  private create(path: string, domid: number): XsNode {
    const missing: string[] = [];
    let at = path;
    while (!this.nodes.has(at)) {
      missing.unshift(at);
      at = parentOf(at);
    }
    const ancestor = this.nodes.get(at)!;
    if (missing.length === 0) return ancestor;
    if (!canWrite(permFor(ancestor, domid))) throw new XsError('EACCES');
    if (domid !== 0) {
      const owned = [...this.nodes.values()].filter((n) => n.perms[0]?.domid === domid).length;
      if (owned + missing.length > 1000) throw new XsError('ENOSPC');
      // the parent that gains a child is rewritten, and its size quota applies (C xenstored's write_node)
      const name = baseOf(missing[0]!);
      const grown = nodeSize(ancestor.value, ancestor.perms, ancestor.children) + name.length + 1;
      if (grown >= NODE_SIZE_MAX) throw new XsError('ENOSPC');
    }
    this.touch(ancestor);
    let parentPerms = ancestor.perms;
    let node = ancestor;
    for (const p of missing) {
      const perms = parentPerms.map((x) => ({ ...x }));
      if (domid !== 0 && perms[0]) perms[0].domid = domid;
      node = this.put(p, '', perms);
      this.touch(node);
      parentPerms = perms;
    }
    return node;
  }

  write(path: string, value: Buffer, domid: number): void {
    if (path === '/') throw new XsError('EINVAL');
    const existing = this.nodes.get(path);
    const node = existing ? this.checkedNode(path, domid, 'write') : this.create(path, domid);
    if (domid !== 0) this.checkSize(path, node, value, node.perms);
    node.value = Buffer.from(value);
    this.touch(node);
  }

  mkdir(path: string, domid: number): void {
    if (this.nodes.has(path)) {
      this.checkedNode(path, domid, 'write');
      return;
    }
    this.create(path, domid);
  }

  rm(path: string, domid: number): void {
    if (path === '/') throw new XsError('EINVAL');
    // C do_rm: a missing node is fine if its parent exists, but only when the lookup said ENOENT (an
    // unreadable nearest ancestor makes it EACCES, so a guest cannot probe another domain's names)
    try {
      this.checkedNode(path, domid, 'write');
    } catch (err) {
      if (err instanceof XsError && err.errno === 'ENOENT' && this.nodes.has(parentOf(path))) return;
      throw err;
    }
    const drop = (p: string) => {
      const n = this.nodes.get(p);
      if (!n) return;
      for (const c of n.children) drop(p === '/' ? `/${c}` : `${p}/${c}`);
      this.nodes.delete(p);
    };
    drop(path);
    const parent = this.nodes.get(parentOf(path));
    if (parent) {
      parent.children = parent.children.filter((c) => c !== baseOf(path));
      this.touch(parent);
    }
  }

  setPerms(path: string, perms: XsPerm[], domid: number): void {
    if (perms.length === 0) throw new XsError('EINVAL');
    const node = this.nodes.get(path);
    if (!node) throw new XsError('ENOENT');
    if (domid !== 0) {
      if (node.perms[0]?.domid !== domid) throw new XsError('EACCES');
      if (perms[0]!.domid !== domid) throw new XsError('EPERM');
      if (perms.length > 5) throw new XsError('ENOSPC');
      this.checkSize(path, node, node.value, perms);
    }
    node.perms = perms.map((p) => ({ ...p }));
    this.touch(node);
  }

  private checkSize(_path: string, node: XsNode, value: Buffer, perms: XsPerm[]): void {
    if (nodeSize(value, perms, node.children) >= NODE_SIZE_MAX) throw new XsError('ENOSPC');
  }

  clone(): XsTree {
    const t = Object.create(XsTree.prototype) as XsTree;
    t.nodes = new Map([...this.nodes].map(([k, v]) => [k, cloneNode(v)]));
    t.gen = this.gen;
    return t;
  }
}
