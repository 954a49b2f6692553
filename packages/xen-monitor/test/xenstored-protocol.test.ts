// The test daemon itself, at the wire level: framing, transactions (conflicts end in EAGAIN), quotas,
// and what the real clients send (xenstore-exists/-list/-rm/-chmod always run inside a transaction).
import { createConnection, type Socket } from 'node:net';
import { XsOp } from '@opskit/testkit/xenstored';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type XenWorld } from './helpers.js';

class WireClient {
  private buf = Buffer.alloc(0);
  private waiting: ((m: { type: number; tx: number; body: Buffer }) => void)[] = [];
  /** Watch events received so far, as `path token`. */
  readonly events: string[] = [];
  private constructor(private readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 16 && this.buf.length >= 16 + this.buf.readUInt32LE(12)) {
        const len = this.buf.readUInt32LE(12);
        const msg = {
          type: this.buf.readUInt32LE(0),
          tx: this.buf.readUInt32LE(8),
          body: this.buf.subarray(16, 16 + len),
        };
        this.buf = this.buf.subarray(16 + len);
        if (msg.type !== XsOp.WATCH_EVENT) this.waiting.shift()?.(msg);
        else this.events.push(msg.body.toString('latin1').split('\0').slice(0, 2).join(' '));
      }
    });
  }
  static connect(path: string): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const s = createConnection(path, () => resolve(new WireClient(s)));
      s.once('error', reject);
    });
  }
  send(
    type: number,
    tx: number,
    ...parts: (string | Buffer)[]
  ): Promise<{ type: number; tx: number; body: string }> {
    const payload = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(`${p}\0`) : p)));
    const head = Buffer.alloc(16);
    head.writeUInt32LE(type, 0);
    head.writeUInt32LE(7, 4);
    head.writeUInt32LE(tx, 8);
    head.writeUInt32LE(payload.length, 12);
    return new Promise((resolve) => {
      this.waiting.push((m) => resolve({ type: m.type, tx: m.tx, body: m.body.toString('latin1') }));
      this.sock.write(Buffer.concat([head, payload]));
    });
  }
  close() {
    this.sock.destroy();
  }
}

let w: XenWorld;
beforeAll(async () => {
  w = await startWorld([{ domid: 5, name: 'app01' }]);
});
afterAll(async () => w?.xs.stop());

describe('test xenstored wire protocol', () => {
  it('answers READ without a trailing NUL and errors with the errno name', async () => {
    const c = await WireClient.connect(w.xs.socketPath);
    expect(await c.send(XsOp.READ, 0, '/local/domain/5/name')).toEqual({
      type: XsOp.READ,
      tx: 0,
      body: 'app01',
    });
    expect(await c.send(XsOp.READ, 0, '/local/domain/5/none')).toEqual({
      type: XsOp.ERROR,
      tx: 0,
      body: 'ENOENT\0',
    });
    expect((await c.send(XsOp.READ, 0, 'bad//path')).body).toBe('EINVAL\0');
    expect((await c.send(XsOp.GET_DOMAIN_PATH, 0, '5')).body).toBe('/local/domain/5\0');
    expect((await c.send(XsOp.RESUME, 0, '5')).type).toBe(XsOp.ERROR);
    c.close();
  });

  it('refuses privileged operations to a guest and unknown operations to anyone', async () => {
    const g = await WireClient.connect(await w.xs.socketFor(5));
    expect((await g.send(XsOp.INTRODUCE, 0, '9', '1', '2')).body).toBe('EACCES\0');
    expect((await g.send(99, 0, 'x')).body).toBe('ENOSYS\0');
    g.close();
  });

  it('ends a transaction with EAGAIN when another connection changed what it touched', async () => {
    const a = await WireClient.connect(w.xs.socketPath);
    const b = await WireClient.connect(w.xs.socketPath);
    const start = await a.send(XsOp.TRANSACTION_START, 0, '');
    const tx = Number(start.body.replace('\0', ''));
    expect(tx).toBeGreaterThan(0);
    await a.send(XsOp.READ, tx, '/local/domain/5/name');
    await a.send(XsOp.WRITE, tx, Buffer.from('/local/domain/5/data/k\0in-tx'));
    expect((await a.send(XsOp.READ, 0, '/local/domain/5/data/k')).body).toBe('ENOENT\0');
    await b.send(XsOp.WRITE, 0, Buffer.from('/local/domain/5/name\0changed'));
    expect((await a.send(XsOp.TRANSACTION_END, tx, 'T')).body).toBe('EAGAIN\0');
    expect((await a.send(XsOp.READ, 0, '/local/domain/5/data/k')).body).toBe('ENOENT\0');

    const t2 = Number((await a.send(XsOp.TRANSACTION_START, 0, '')).body.replace('\0', ''));
    await a.send(XsOp.WRITE, t2, Buffer.from('/local/domain/5/data/k\0committed'));
    expect((await a.send(XsOp.TRANSACTION_END, t2, 'T')).body).toBe('OK\0');
    expect((await a.send(XsOp.READ, 0, '/local/domain/5/data/k')).body).toBe('committed');
    expect((await a.send(XsOp.TRANSACTION_END, 12345, 'T')).body).toBe('ENOENT\0');
    expect((await a.send(XsOp.TRANSACTION_START, t2, '')).body).toBe('EBUSY\0');
    a.close();
    b.close();
  });

  it('enforces the node size quota on guests (ENOSPC)', async () => {
    const g = await WireClient.connect(await w.xs.socketFor(5));
    const r = await g.send(XsOp.WRITE, 0, Buffer.from(`data/big\0${'x'.repeat(2100)}`));
    expect(r.body).toBe('ENOSPC\0');
    expect((await g.send(XsOp.WRITE, 0, Buffer.from(`data/ok\0${'x'.repeat(1800)}`))).body).toBe('OK\0');
    g.close();
  });

  it('delivers watch events to the real xenstore-watch client', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('xenstore-watch', ['-n', '2', '/local/domain/5/data/w'], {
      env: { ...process.env, XENSTORED_PATH: w.xs.socketPath },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!out.includes('\n')) await new Promise((r) => setTimeout(r, 20));
    await (await w.guest(5)).write('data/w', 'changed');
    expect(await done).toBe(0);
    expect(out).toBe('/local/domain/5/data/w\n/local/domain/5/data/w\n');
  });

  it('sees the real clients wrap exists, list, rm and chmod in transactions', async () => {
    const before = w.xs.requests.get(XsOp.TRANSACTION_START) ?? 0;
    await w.dom0.list('/local/domain/5');
    await w.dom0.setPermissions('/local/domain/5/data', [{ letter: 'n', domid: 5 }]);
    expect((w.xs.requests.get(XsOp.TRANSACTION_START) ?? 0) - before).toBe(2);
  });
});

describe('test xenstored behaves as C xenstored where xen-monitor relies on it', () => {
  it('applies the node-size quota to the parent gaining a child: ENOSPC after ~2 KB of child names', async () => {
    const g = await WireClient.connect(await w.xs.socketFor(5));
    // data/p: 12 header + 8 per permission + 101 per 100-character child name, refused at 2048
    const name = (i: number) => `data/p/${String(i).padStart(100, 'c')}`;
    for (let i = 0; i < 20; i++) expect((await g.send(XsOp.WRITE, 0, `${name(i)}`, '')).body).toBe('OK\0');
    expect((await g.send(XsOp.WRITE, 0, `${name(20)}`, '')).body).toBe('ENOSPC\0');
    expect((await g.send(XsOp.MKDIR, 0, `${name(21)}`)).body).toBe('ENOSPC\0');
    expect((await g.send(XsOp.DIRECTORY, 0, 'data/p')).body.split('\0').filter(Boolean)).toHaveLength(20);
    g.close();
  });

  it('answers DIRECTORY_PART, so the real clients list a directory too big for one reply', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `child-${String(i).padStart(14, '0')}`);
    for (const n of names) w.xs.tree.write(`/local/domain/5/big/${n}`, Buffer.from('v'), 0);
    const c = await WireClient.connect(w.xs.socketPath);
    expect((await c.send(XsOp.DIRECTORY, 0, '/local/domain/5/big')).body).toBe('E2BIG\0');
    c.close();
    const before = w.xs.requests.get(XsOp.DIRECTORY_PART) ?? 0;
    expect(await w.dom0.list('/local/domain/5/big')).toEqual(names);
    expect((w.xs.requests.get(XsOp.DIRECTORY_PART) ?? 0) - before).toBeGreaterThan(1);
  });

  it('lets no guest list /local or /local/domain (n0 as on a real host), but read its own home', async () => {
    const g = await WireClient.connect(await w.xs.socketFor(5));
    expect((await g.send(XsOp.DIRECTORY, 0, '/local/domain')).body).toBe('EACCES\0');
    expect((await g.send(XsOp.DIRECTORY, 0, '/local')).body).toBe('EACCES\0');
    expect((await g.send(XsOp.READ, 0, '/local/domain/5/domid')).body).toBe('5');
    g.close();
    expect(w.xs.tree.get('/local/domain')?.perms).toEqual([{ letter: 'n', domid: 0 }]);
  });

  it('answers EACCES, not OK or ENOENT, for a missing node below another domain’s unreadable home', async () => {
    w.xs.addDomain({ domid: 6, name: 'db01' });
    const g = await WireClient.connect(await w.xs.socketFor(5));
    expect((await g.send(XsOp.RM, 0, '/local/domain/6/data/none')).body).toBe('EACCES\0');
    expect((await g.send(XsOp.READ, 0, '/local/domain/6/data/none')).body).toBe('EACCES\0');
    expect((await g.send(XsOp.RM, 0, 'data/none')).body).toBe('OK\0');
    expect((await g.send(XsOp.READ, 0, 'data/none')).body).toBe('ENOENT\0');
    g.close();
    await expect((await w.guest(5)).remove('/local/domain/6/data/none')).rejects.toThrow(/xenstore remove/);
  });

  it('sends a watch event only to a connection that may read the node or its parent', async () => {
    w.xs.addDomain({ domid: 7, name: 'cache01' });
    const g = await WireClient.connect(await w.xs.socketFor(5));
    expect((await g.send(XsOp.WATCH, 0, '/local/domain', 'tok')).body).toBe('OK\0');
    const dom0 = await WireClient.connect(w.xs.socketPath);
    expect((await dom0.send(XsOp.WRITE, 0, '/local/domain/7/data/secret', 'x')).body).toBe('OK\0');
    expect((await dom0.send(XsOp.RM, 0, '/local/domain/7/data/secret')).body).toBe('OK\0');
    expect((await dom0.send(XsOp.WRITE, 0, '/local/domain/5/data/mine', 'y')).body).toBe('OK\0');
    await g.send(XsOp.READ, 0, 'name'); // every event for g was sent before this reply
    expect(g.events.filter((e) => e.includes('/7'))).toEqual([]);
    expect(g.events, g.events.join('\n')).toContain('/local/domain/5/data/mine tok');
    g.close();
    dom0.close();
  });
});
