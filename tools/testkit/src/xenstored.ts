// A small xenstored-compatible daemon for tests and demos: the xenstore wire protocol (16-byte
// little-endian header, NUL-separated payloads, errno names) on Unix sockets, with C xenstored 4.17
// permissions, transactions, quotas and watches. Each socket acts as one domain: `socketPath` is dom0
// (privileged), `socketFor(domid)` gives a socket through which a client acts as that domU (the
// guest's /dev/xen/xenbus). The real Debian xenstore-* clients talk to it through XENSTORED_PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canRead,
  formatPerm,
  PAYLOAD_MAX,
  parentOf,
  parsePerm,
  permFor,
  resolvePath,
  XsError,
  type XsPerm,
  XsTree,
} from './xenstored-tree.js';

export { XsError, type XsPerm, XsTree } from './xenstored-tree.js';

export const XsOp = {
  CONTROL: 0,
  DIRECTORY: 1,
  READ: 2,
  GET_PERMS: 3,
  WATCH: 4,
  UNWATCH: 5,
  TRANSACTION_START: 6,
  TRANSACTION_END: 7,
  INTRODUCE: 8,
  RELEASE: 9,
  GET_DOMAIN_PATH: 10,
  WRITE: 11,
  MKDIR: 12,
  RM: 13,
  SET_PERMS: 14,
  WATCH_EVENT: 15,
  ERROR: 16,
  IS_DOMAIN_INTRODUCED: 17,
  RESUME: 18,
  SET_TARGET: 19,
  RESET_WATCHES: 21,
  DIRECTORY_PART: 22,
} as const;

const PRIVILEGED_ONLY = new Set<number>([
  XsOp.CONTROL,
  XsOp.INTRODUCE,
  XsOp.RELEASE,
  XsOp.IS_DOMAIN_INTRODUCED,
  XsOp.RESUME,
  XsOp.SET_TARGET,
]);

interface Transaction {
  tree: XsTree;
  base: XsTree;
  reads: Set<string>;
}

interface Conn {
  domid: number;
  socket: Socket;
  buf: Buffer;
  txs: Map<number, Transaction>;
  watches: { path: string; raw: string; token: string }[];
}

export interface DomainSpec {
  domid: number;
  name: string;
  uuid?: string;
  /** MAC addresses of the guest's vifs (device/vif/<n>/mac). */
  macs?: string[];
}

export interface TestXenstored {
  /** dom0's socket (privileged). */
  readonly socketPath: string;
  /** A socket through which a client acts as domain `domid` (created on first use). */
  socketFor(domid: number): Promise<string>;
  /** Creates a domain's home as libxl does (read-only home, guest-owned data/, name, domid, vm). */
  addDomain(spec: DomainSpec): void;
  /** Removes a domain's home (it was destroyed). */
  removeDomain(domid: number): void;
  readonly tree: XsTree;
  /** Requests served so far, by operation number (for tests of what clients sent). */
  readonly requests: Map<number, number>;
  stop(): Promise<void>;
}

const str = (s: string) => Buffer.from(`${s}\0`);

function splitArgs(payload: Buffer): string[] {
  const text = payload.toString('latin1');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** One-argument requests carry exactly one NUL, at the very end. */
function oneArg(payload: Buffer): string {
  const i = payload.indexOf(0);
  if (i !== payload.length - 1) throw new XsError('EINVAL');
  return payload.subarray(0, i).toString('latin1');
}

export async function startXenstored(options: { dir?: string } = {}): Promise<TestXenstored> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'xenstored-'));
  const ownDir = options.dir === undefined;
  let tree = new XsTree();
  const servers = new Map<number, { server: Server; path: string }>();
  const conns = new Set<Conn>();
  const requests = new Map<number, number>();
  let nextTx = 1;

  /**
   * C xenstored's watch_permitted: an event only to a connection that may read the node (a removed
   * node by its old permissions) or, failing that, its parent. `before` holds the removed nodes.
   */
  const permitted = (domid: number, p: string, after: XsTree, before: XsTree): boolean => {
    const node = after.get(p) ?? before.get(p);
    if (!node) return false;
    if (canRead(permFor(node, domid))) return true;
    const parent = after.get(parentOf(p)) ?? before.get(parentOf(p));
    return parent !== undefined && canRead(permFor(parent, domid));
  };

  /**
   * C xenstored's fire_watches for one changed node: watches on it or above it get its path; with
   * `recurse` (a removal), watches below it get their own path. Only where watch_permitted allows.
   */
  const fireWatches = (changed: Iterable<string>, after: XsTree, before: XsTree, recurse = false) => {
    for (const p of changed)
      for (const c of conns)
        for (const w of c.watches) {
          let shown: string | undefined;
          if (p === w.path || p.startsWith(`${w.path}/`) || w.path === '/') shown = p;
          else if (recurse && w.path.startsWith(`${p}/`)) shown = w.path;
          if (shown === undefined || !permitted(c.domid, shown, after, before)) continue;
          const text = w.raw.startsWith('/') ? shown : shown.slice(`/local/domain/${c.domid}/`.length);
          send(c, XsOp.WATCH_EVENT, 0, 0, Buffer.concat([str(text), str(w.token)]));
        }
  };

  const changedPaths = (before: XsTree, after: XsTree): Set<string> => {
    const out = new Set<string>();
    for (const [p, n] of after.nodes) if (before.get(p)?.gen !== n.gen) out.add(p);
    for (const p of before.nodes.keys()) if (!after.nodes.has(p)) out.add(p);
    return out;
  };

  function send(c: Conn, type: number, reqId: number, txId: number, payload: Buffer): void {
    const head = Buffer.alloc(16);
    head.writeUInt32LE(type, 0);
    head.writeUInt32LE(reqId, 4);
    head.writeUInt32LE(txId, 8);
    head.writeUInt32LE(payload.length, 12);
    if (!c.socket.destroyed) c.socket.write(Buffer.concat([head, payload]));
  }

  function handle(c: Conn, type: number, txId: number, payload: Buffer): Buffer {
    requests.set(type, (requests.get(type) ?? 0) + 1);
    if (PRIVILEGED_ONLY.has(type) && c.domid !== 0) throw new XsError('EACCES');
    if (type === XsOp.TRANSACTION_START) {
      if (txId !== 0) throw new XsError('EBUSY');
      if (c.domid !== 0 && c.txs.size >= 10) throw new XsError('ENOSPC');
      const id = nextTx++;
      c.txs.set(id, { tree: tree.clone(), base: tree.clone(), reads: new Set() });
      return str(String(id));
    }
    let tx: Transaction | undefined;
    if (txId !== 0 && type !== XsOp.WATCH && type !== XsOp.UNWATCH) {
      tx = c.txs.get(txId);
      if (!tx) throw new XsError('ENOENT');
    }
    if (type === XsOp.TRANSACTION_END) {
      const arg = oneArg(payload);
      c.txs.delete(txId);
      if (arg === 'F') return str('OK');
      if (arg !== 'T' || !tx) throw new XsError('EINVAL');
      const modified = changedPaths(tx.base, tx.tree);
      for (const p of new Set([...modified, ...tx.reads]))
        if (tree.get(p)?.gen !== tx.base.get(p)?.gen) throw new XsError('EAGAIN');
      const old = modified.size ? tree.clone() : tree;
      for (const p of modified) {
        const n = tx.tree.get(p);
        if (n) tree.nodes.set(p, { ...n, gen: ++tree.gen });
        else tree.nodes.delete(p);
      }
      if (modified.size) fireWatches(modified, tree, old);
      return str('OK');
    }
    const t = tx ? tx.tree : tree;
    const mutating =
      type === XsOp.WRITE || type === XsOp.MKDIR || type === XsOp.RM || type === XsOp.SET_PERMS;
    const watched = [...conns].some((x) => x.watches.length > 0);
    const before = !tx && mutating && watched ? tree.clone() : undefined;
    let target = '';
    const ok = str('OK');
    let reply: Buffer;
    switch (type) {
      case XsOp.READ: {
        const p = resolvePath(oneArg(payload), c.domid);
        tx?.reads.add(p);
        reply = t.read(p, c.domid);
        break;
      }
      case XsOp.DIRECTORY: {
        const p = resolvePath(oneArg(payload), c.domid);
        tx?.reads.add(p);
        const names = t.directory(p, c.domid);
        reply = Buffer.concat(names.map(str));
        if (reply.length > PAYLOAD_MAX) throw new XsError('E2BIG');
        break;
      }
      case XsOp.DIRECTORY_PART: {
        // C send_directory_part: "<generation>\0" then the child names from byte `offset` of the
        // NUL-separated list, as many as fit; an extra NUL marks the end (libxenstore's fallback on E2BIG)
        const [raw, offText, ...extra] = splitArgs(payload);
        if (raw === undefined || offText === undefined || extra.length || !/^\d+$/.test(offText))
          throw new XsError('EINVAL');
        const p = resolvePath(raw, c.domid);
        tx?.reads.add(p);
        const { children, gen } = t.directoryPart(p, c.domid);
        const all = Buffer.concat(children.map(str));
        const head = str(String(gen));
        const off = Number(offText);
        if (off >= all.length) {
          reply = Buffer.concat([head, Buffer.from([0])]);
          break;
        }
        const max = PAYLOAD_MAX - head.length - 1;
        let len = 0;
        while (off + len < all.length) {
          const next = all.indexOf(0, off + len) + 1 - (off + len);
          if (len + next > max) break;
          len += next;
        }
        const end = off + len === all.length ? Buffer.from([0]) : Buffer.alloc(0);
        reply = Buffer.concat([head, all.subarray(off, off + len), end]);
        break;
      }
      case XsOp.GET_PERMS: {
        const p = resolvePath(oneArg(payload), c.domid);
        tx?.reads.add(p);
        reply = Buffer.concat(t.getPerms(p, c.domid).map((x) => str(formatPerm(x))));
        break;
      }
      case XsOp.WRITE: {
        const i = payload.indexOf(0);
        if (i < 0) throw new XsError('EINVAL');
        target = resolvePath(payload.subarray(0, i).toString('latin1'), c.domid);
        t.write(target, payload.subarray(i + 1), c.domid);
        reply = ok;
        break;
      }
      case XsOp.MKDIR:
        target = resolvePath(oneArg(payload), c.domid);
        t.mkdir(target, c.domid);
        reply = ok;
        break;
      case XsOp.RM:
        target = resolvePath(oneArg(payload), c.domid);
        t.rm(target, c.domid);
        reply = ok;
        break;
      case XsOp.SET_PERMS: {
        const [path, ...perms] = splitArgs(payload);
        if (path === undefined) throw new XsError('EINVAL');
        target = resolvePath(path, c.domid);
        t.setPerms(target, perms.map(parsePerm), c.domid);
        reply = ok;
        break;
      }
      case XsOp.GET_DOMAIN_PATH: {
        const id = oneArg(payload);
        if (!/^\d+$/.test(id)) throw new XsError('EINVAL');
        reply = str(`/local/domain/${Number(id)}`);
        break;
      }
      case XsOp.IS_DOMAIN_INTRODUCED: {
        const id = oneArg(payload);
        reply = str(tree.get(`/local/domain/${Number(id)}`) ? 'T' : 'F');
        break;
      }
      case XsOp.WATCH: {
        const [raw, token, ...extra] = splitArgs(payload);
        if (raw === undefined || token === undefined || extra.length) throw new XsError('EINVAL');
        const path = raw.startsWith('@') ? raw : resolvePath(raw, c.domid);
        if (c.domid !== 0 && c.watches.length >= 128) throw new XsError('E2BIG');
        c.watches.push({ path, raw, token });
        setImmediate(() => send(c, XsOp.WATCH_EVENT, 0, 0, Buffer.concat([str(raw), str(token)])));
        return ok;
      }
      case XsOp.UNWATCH: {
        const [raw, token] = splitArgs(payload);
        const i = c.watches.findIndex((w) => w.raw === raw && w.token === token);
        if (i < 0) throw new XsError('ENOENT');
        c.watches.splice(i, 1);
        return ok;
      }
      case XsOp.RESET_WATCHES:
        c.watches = [];
        return ok;
      default:
        throw new XsError('ENOSYS');
    }
    if (before && changedPaths(before, tree).size) fireWatches([target], tree, before, type === XsOp.RM);
    return reply;
  }

  function onData(c: Conn, chunk: Buffer): void {
    c.buf = Buffer.concat([c.buf, chunk]);
    while (c.buf.length >= 16) {
      const type = c.buf.readUInt32LE(0);
      const reqId = c.buf.readUInt32LE(4);
      const txId = c.buf.readUInt32LE(8);
      const len = c.buf.readUInt32LE(12);
      if (len > PAYLOAD_MAX) {
        c.socket.destroy();
        return;
      }
      if (c.buf.length < 16 + len) return;
      const payload = c.buf.subarray(16, 16 + len);
      c.buf = c.buf.subarray(16 + len);
      try {
        const reply = handle(c, type, txId, payload);
        send(c, type, reqId, txId, reply);
      } catch (err) {
        if (!(err instanceof XsError)) throw err;
        send(c, XsOp.ERROR, reqId, txId, str(err.errno));
      }
    }
  }

  async function listen(domid: number): Promise<string> {
    const existing = servers.get(domid);
    if (existing) return existing.path;
    const path = domid === 0 ? join(dir, 'socket') : join(dir, `domain-${domid}.sock`);
    const server = createServer((socket) => {
      const c: Conn = { domid, socket, buf: Buffer.alloc(0), txs: new Map(), watches: [] };
      conns.add(c);
      socket.on('data', (d: Buffer) => onData(c, d));
      socket.on('error', () => socket.destroy());
      socket.on('close', () => conns.delete(c));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    servers.set(domid, { server, path });
    return path;
  }

  const socketPath = await listen(0);
  const sys = (path: string, value: string, perms: XsPerm[]) => {
    tree.write(path, Buffer.from(value), 0);
    tree.setPerms(path, perms, 0);
  };
  // as on a real Xen host: a guest may not list /local/domain (the other domains' ids)
  sys('/local', '', [{ letter: 'n', domid: 0 }]);
  sys('/local/domain', '', [{ letter: 'n', domid: 0 }]);
  sys('/vm', '', [{ letter: 'n', domid: 0 }]);

  const api: TestXenstored = {
    socketPath,
    socketFor: (domid) => listen(domid),
    get tree() {
      return tree;
    },
    requests,
    addDomain(spec) {
      const home = `/local/domain/${spec.domid}`;
      const ro: XsPerm[] = [
        { letter: 'n', domid: 0 },
        { letter: 'r', domid: spec.domid },
      ];
      const uuid = spec.uuid ?? `00000000-0000-4000-8000-${String(spec.domid).padStart(12, '0')}`;
      sys(home, '', ro);
      sys(`${home}/name`, spec.name, ro);
      sys(`${home}/domid`, String(spec.domid), ro);
      sys(`${home}/vm`, `/vm/${uuid}`, ro);
      sys(`/vm/${uuid}`, '', ro);
      sys(`/vm/${uuid}/uuid`, uuid, ro);
      sys(`/vm/${uuid}/name`, spec.name, ro);
      if (spec.domid !== 0) {
        sys(`${home}/device`, '', ro);
        (spec.macs ?? []).forEach((mac, i) => {
          sys(`${home}/device/vif/${i}`, '', ro);
          sys(`${home}/device/vif/${i}/mac`, mac, ro);
        });
        for (const d of ['data', 'attr', 'drivers', 'feature', 'error'])
          sys(`${home}/${d}`, '', [{ letter: 'n', domid: spec.domid }]);
      }
    },
    removeDomain(domid) {
      const vm = tree.get(`/local/domain/${domid}/vm`)?.value.toString();
      tree.rm(`/local/domain/${domid}`, 0);
      if (vm) tree.rm(vm, 0);
    },
    async stop() {
      for (const c of conns) c.socket.destroy();
      await Promise.all(
        [...servers.values()].map(({ server }) => new Promise<void>((r) => server.close(() => r()))),
      );
      servers.clear();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      tree = new XsTree();
    },
  };
  return api;
}
