import { closeSync, openSync, writeSync } from 'node:fs';
import { OpskitError } from '@opskit/core';
import { makeTempDir } from '@opskit/testkit';
import { createLoopDevice, type LoopDevice } from '@opskit/testkit/loop-device';
import { afterEach, describe, expect, it } from 'vitest';
import { firstNonZero, parseSbdDump, parseSbdList, sbdInit } from './sbd-init.js';

describe('sbd-init on a loop device (real sbd)', () => {
  const loops: LoopDevice[] = [];
  const loop = () => {
    const l = createLoopDevice(8 * 1024 * 1024, 'ha-setup-sbd-');
    loops.push(l);
    return l;
  };
  afterEach(() => {
    for (const l of loops.splice(0)) l.detach();
  });

  it('creates the header, allocates a slot per node and verifies with sbd dump and sbd list', async () => {
    const { device } = loop();
    const r = await sbdInit({ devices: [device], nodes: ['alpha', 'beta'], watchdogTimeout: 5, msgwait: 10 });
    expect(r.ok).toBe(true);
    expect(r.devices[0]!.header).toMatchObject({ slots: 255, watchdog: 5, msgwait: 10 });
    expect(r.devices[0]!.slots).toEqual([
      { slot: 0, node: 'alpha', message: 'clear' },
      { slot: 1, node: 'beta', message: 'clear' },
    ]);
    expect(r.commands[0]).toBe(`sbd -d ${device} -1 5 -4 10 create`);
  });

  it('refuses a device that already carries an SBD header, and overwrites it with force', async () => {
    const { device } = loop();
    await sbdInit({ devices: [device], nodes: ['alpha', 'beta'], watchdogTimeout: 5, msgwait: 10 });
    const err = await sbdInit({
      devices: [device],
      nodes: ['alpha', 'beta'],
      watchdogTimeout: 10,
      msgwait: 20,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpskitError);
    expect((err as OpskitError).code).toBe('E_SBD_EXISTS');
    expect((err as OpskitError).message).toMatch(/already carries an SBD header .*msgwait 10s/);
    const again = await sbdInit({
      devices: [device],
      nodes: ['gamma'],
      watchdogTimeout: 10,
      msgwait: 20,
      force: true,
    });
    expect(again.ok).toBe(true);
    expect(again.devices[0]!.header).toMatchObject({ watchdog: 10, msgwait: 20 });
    expect(again.devices[0]!.slots.map((s) => s.node)).toEqual(['gamma']);
  });

  it('refuses a device holding any non-zero data', async () => {
    const l = loop();
    const fd = openSync(l.file, 'r+');
    writeSync(fd, Buffer.from('ext4?'), 0, 5, 3 * 1024 * 1024 + 17);
    closeSync(fd);
    expect(firstNonZero(l.device)).toBe(3 * 1024 * 1024 + 17);
    const err = await sbdInit({
      devices: [l.device],
      nodes: ['alpha'],
      watchdogTimeout: 5,
      msgwait: 10,
    }).catch((e: unknown) => e);
    expect((err as OpskitError).code).toBe('E_SBD_NOT_BLANK');
    expect((err as OpskitError).message).toMatch(/first non-zero byte at offset 3145745/);
  });

  it('refuses a plain file and a msgwait below twice the watchdog', async () => {
    const tmp = makeTempDir('ha-setup-sbd-file-');
    try {
      const err = await sbdInit({
        devices: [tmp.join('disk')],
        nodes: ['a'],
        watchdogTimeout: 5,
        msgwait: 10,
      }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/ENOENT/);
      const f = tmp.join('plain');
      closeSync(openSync(f, 'w'));
      const notBlock = await sbdInit({ devices: [f], nodes: ['a'], watchdogTimeout: 5, msgwait: 10 }).catch(
        (e: unknown) => e,
      );
      expect((notBlock as OpskitError).message).toMatch(/is not a block device/);
    } finally {
      tmp.remove();
    }
    await expect(
      sbdInit({ devices: ['/dev/null'], nodes: ['a'], watchdogTimeout: 5, msgwait: 9 }),
    ).rejects.toThrow(/below 2 x watchdog/);
  });
});

describe('sbd output parsing', () => {
  it('reads sbd dump and sbd list', () => {
    const dump =
      'Header version     : 2.1\nUUID               : 35a9\nNumber of slots    : 255\nSector size        : 512\nTimeout (watchdog) : 5\nTimeout (allocate) : 2\nTimeout (loop)     : 1\nTimeout (msgwait)  : 10\n';
    expect(parseSbdDump(dump)).toEqual({
      uuid: '35a9',
      slots: 255,
      sectorSize: 512,
      watchdog: 5,
      allocate: 2,
      loop: 1,
      msgwait: 10,
    });
    expect(parseSbdList('0\talpha\tclear\n1\tbeta\treset\talpha\n')).toEqual([
      { slot: 0, node: 'alpha', message: 'clear' },
      { slot: 1, node: 'beta', message: 'reset' },
    ]);
  });
});
