import { createExecutor } from '@opskit/core';
import { makeTempDir } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';
import { parseLsFull } from '../xenstore/cli-store.js';
import { DirXenStore } from '../xenstore/dir-store.js';
import { listDomains } from './domains.js';

describe('domain lists', () => {
  it("lists domains from xl list, the UUID from -v output or else from the domain's vm node", async () => {
    const dir = makeTempDir('xen-domains-');
    try {
      const store = new DirXenStore(dir.path);
      await store.write('/local/domain/12/vm', '/vm/0a1b2c3d-0000-4000-8000-00000000000c');
      const text =
        'Name                                        ID   Mem VCPUs\tState\tTime(s)   UUID                            Reason-Code\tSecurity Label\n' +
        'web01                                        3  2048     2     -b----      98.2 5f1c8a2e-0d4b-4c3e-9a57-1e2d3c4b5a69        -\n' +
        'crashed guest                               12   512     1     ---c--       0.0\n';
      const exec = createExecutor({ dryRun: true, dryRunResult: () => ({ stdout: text }) });
      expect(await listDomains('xl', exec, store, { xl: '/opt/xen/bin/xl' })).toEqual([
        {
          name: 'web01',
          domid: 3,
          memoryMiB: 2048,
          state: '-b----',
          uuid: '5f1c8a2e-0d4b-4c3e-9a57-1e2d3c4b5a69',
        },
        {
          name: 'crashed guest',
          domid: 12,
          memoryMiB: 512,
          state: '---c--',
          uuid: '0a1b2c3d-0000-4000-8000-00000000000c',
        },
      ]);
      expect(exec.history.map((h) => [h.command, ...h.args])).toEqual([['/opt/xen/bin/xl', 'list']]);
      const bad = createExecutor({
        dryRun: true,
        dryRunResult: () => ({ stdout: 'libxl: error: cannot connect\n' }),
      });
      await expect(listDomains('xm', bad, store)).rejects.toThrow(
        'xm list: no "Name ID Mem VCPUs State Time(s)" header line, found "libxl: error: cannot connect"',
      );
    } finally {
      dir.remove();
    }
  });

  it('parses xenstore-ls -f -p, values unescaped and perms from the right', () => {
    const m = parseLsFull(
      '/local/domain/3/name = "web01"   (n0,r3)\n' +
        '/local/domain/3/data/x = "a "quoted" (n9) \\\\ value\\nnext"   (n3)\n' +
        '/local/domain/3/broken:\n',
    );
    expect(m.get('/local/domain/3/name')).toEqual({
      value: 'web01',
      perms: [
        { letter: 'n', domid: 0 },
        { letter: 'r', domid: 3 },
      ],
    });
    expect(m.get('/local/domain/3/data/x')?.value).toBe('a "quoted" (n9) \\ value\nnext');
    expect(m.size).toBe(2);
  });
});
