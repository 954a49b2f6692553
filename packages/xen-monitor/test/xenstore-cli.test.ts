// The CLI backend against the test xenstored, through the real Debian xenstore-* clients only.

import { XenStoreError } from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type XenWorld } from './helpers.js';

let w: XenWorld;
beforeAll(async () => {
  w = await startWorld([
    { domid: 3, name: 'web01' },
    { domid: 4, name: 'db01' },
  ]);
});
afterAll(async () => w?.xs.stop());

describe('CliXenStore over the real xenstore clients', () => {
  it('resolves a guest’s own domain path from its domid', async () => {
    expect(await (await w.guest(3)).getDomainPath()).toBe('/local/domain/3');
    expect(await w.dom0.getDomainPath()).toBe('/local/domain/0');
  });

  it('writes and reads back values with newlines, tabs and backslashes unchanged', async () => {
    const g = await w.guest(3);
    const value = 'line one\nline\ttwo \\ end';
    await g.write('/local/domain/3/data/t/value', value);
    expect(await g.read('/local/domain/3/data/t/value')).toBe(value);
    expect(await w.dom0.read('/local/domain/3/data/t/value')).toBe(value);
  });

  it('lists children and reports missing nodes as undefined', async () => {
    expect(await w.dom0.list('/local/domain')).toEqual(['0', '3', '4']);
    expect(await w.dom0.read('/local/domain/3/nothing')).toBeUndefined();
    expect(await w.dom0.list('/local/domain/9')).toBeUndefined();
  });

  it('reads permissions from xenstore-ls -f -p and sets them with xenstore-chmod', async () => {
    expect(await w.dom0.getPermissions('/local/domain/3/data')).toEqual([{ letter: 'n', domid: 3 }]);
    expect(await w.dom0.getPermissions('/local/domain/3/name')).toEqual([
      { letter: 'n', domid: 0 },
      { letter: 'r', domid: 3 },
    ]);
    await w.dom0.write('/local/domain/3/data/shared', 'x');
    await w.dom0.setPermissions('/local/domain/3/data/shared', [
      { letter: 'n', domid: 3 },
      { letter: 'r', domid: 4 },
    ]);
    expect(await (await w.guest(4)).read('/local/domain/3/data/shared')).toBe('x');
  });

  it('lets a guest write under its own data/ only', async () => {
    const g3 = await w.guest(3);
    const g4 = await w.guest(4);
    await g3.write('data/opskit-xen/record', 'mine');
    await expect(g4.write('/local/domain/3/data/opskit-xen/record', 'forged')).rejects.toThrow(XenStoreError);
    await expect(g4.remove('/local/domain/3/data/opskit-xen/record')).rejects.toThrow(/could not remove/);
    await expect(g4.remove('/local/domain/3/data')).rejects.toThrow(XenStoreError);
    // refused, not "missing": the clients print no errno, the store tells the two apart
    await expect(g4.read('/local/domain/3/data/opskit-xen/record')).rejects.toThrow(
      /xenstore read \/local\/domain\/3\/data\/opskit-xen\/record: xenstore-read failed on a node that exists or lies below one this domain may not list/,
    );
    expect(await g3.read('data/opskit-xen/nothing')).toBeUndefined();
    expect(await g3.read('data/none/deeper/still')).toBeUndefined();
    await expect(g3.write('name', 'renamed')).rejects.toThrow(/could not write/);
    await expect(g3.setPermissions('data/opskit-xen', [{ letter: 'n', domid: 4 }])).rejects.toThrow(
      /permissions/,
    );
    expect(await w.dom0.read('/local/domain/3/data/opskit-xen/record')).toBe('mine');
    expect(await w.dom0.read('/local/domain/3/name')).toBe('web01');
  });

  it('removes subtrees, and a missing node is not an error', async () => {
    await w.dom0.write('/local/domain/4/data/tmp/a/b', '1');
    await w.dom0.remove('/local/domain/4/data/tmp');
    expect(await w.dom0.list('/local/domain/4/data')).not.toContain('tmp');
    await w.dom0.remove('/local/domain/4/data/tmp');
  });

  it('writes and reads values and relative paths that start with "-" (never taken for options)', async () => {
    const g3 = await w.guest(3);
    await g3.write('data/-dash', '-v');
    expect(await g3.read('data/-dash')).toBe('-v');
    expect(await g3.list('data')).toContain('-dash');
    await g3.remove('data/-dash');
    expect(await g3.read('data/-dash')).toBeUndefined();
  });

  it('names an unreachable daemon clearly', async () => {
    const { CliXenStore } = await import('@opskit/xen-monitor');
    const gone = new CliXenStore({ socketPath: '/nonexistent/xenstored.sock' });
    await expect(gone.read('/local')).rejects.toThrow(/xs_open/);
  });

  it('rejects invalid paths before running anything', async () => {
    await expect(w.dom0.read('/local//domain')).rejects.toThrow(/invalid path/);
    await expect(w.dom0.write('/local/domain/3/data/a b', 'x')).rejects.toThrow(/invalid path/);
  });
});
