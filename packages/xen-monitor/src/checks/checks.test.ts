// Checks on recorded /proc and /sys content (edge cases) and on this machine's live files.
import { readFileSync } from 'node:fs';
import {
  hexToIpv4,
  parseLoadAvg,
  parseMemInfoFields,
  parseMounts,
  parseProcStat,
  parseRoutes,
  parseVmstat,
} from '@opskit/core';
import { describe, expect, it } from 'vitest';
import { checkFilesystem, realFilesystems } from './disk.js';
import { gatewayFromMac, gatewaysFromRoutes, inNetwork, ipFromMac, parsePing } from './gateway.js';
import { checkCpu, checkLoad, checkMemory, checkSwapActivity, checkSwapUsed, cpuSample } from './system.js';

describe('cpu', () => {
  it('measures busy time between two /proc/stat samples, iowait counted as idle', () => {
    const a = cpuSample(parseProcStat('cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 1 1 1\ncpu1 1 1 1 1\n'));
    const b = cpuSample(parseProcStat('cpu  400 0 200 1000 200 0 0 200 0 0\ncpu0 1 1 1 1\ncpu1 1 1 1 1\n'));
    expect(a.cpus).toBe(2);
    const r = checkCpu(b, a, { warning: 50, critical: 90 });
    expect(r.value).toBeCloseTo(60, 5);
    expect(r.status).toBe('WARNING');
    expect(r.message).toMatch(/steal 20\.0%/);
  });
  it('falls back to since-boot figures after a reboot (counters went backwards)', () => {
    const a = cpuSample(parseProcStat('cpu  9000 0 9000 9000 0 0 0 0\n'));
    const b = cpuSample(parseProcStat('cpu  10 0 10 80 0 0 0 0\n'));
    expect(checkCpu(b, a, {}).message).toMatch(/since boot/);
  });
});

describe('swap', () => {
  it('flags a swapping guest from /proc/vmstat deltas', () => {
    const prev = { pswpin: 1000, pswpout: 5000, time: 0 };
    const vm = parseVmstat('nr_free_pages 1\npswpin 31000\npswpout 95000\n');
    const now = { pswpin: vm.get('pswpin')!, pswpout: vm.get('pswpout')!, time: 300_000 };
    const r = checkSwapActivity(now, prev, { warning: 50, critical: 300 });
    expect(r.value).toBeCloseTo(400);
    expect(r.status).toBe('CRITICAL');
    expect(r.message).toBe('swapping 100.0 pages/s in, 300.0 pages/s out');
  });
  it('reports swap used from /proc/meminfo, and no swap as OK', () => {
    const mem = parseMemInfoFields('MemTotal: 1000 kB\nSwapTotal:  2097152 kB\nSwapFree:   524288 kB\n');
    expect(checkSwapUsed(mem, { warning: 50, critical: 80 })).toMatchObject({ value: 75, status: 'WARNING' });
    expect(
      checkSwapUsed(parseMemInfoFields('SwapTotal: 0 kB\nSwapFree: 0 kB\n'), { warning: 1 }).status,
    ).toBe('OK');
  });
});

describe('memory and load', () => {
  it('uses MemAvailable, or free + buffers + cache on old kernels', () => {
    expect(
      checkMemory(parseMemInfoFields('MemTotal: 1000 kB\nMemAvailable: 50 kB\n'), {
        warning: 90,
        critical: 97,
      }).status,
    ).toBe('WARNING');
    const old = parseMemInfoFields('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 100 kB\nCached: 300 kB\n');
    expect(checkMemory(old, {}).value).toBe(50);
  });
  it('divides the 5-minute load by the number of CPUs', () => {
    const r = checkLoad(parseLoadAvg('9.00 8.00 7.00 3/200 999\n'), 2, { warning: 2, critical: 4 });
    expect(r).toMatchObject({ value: 4, status: 'WARNING' });
  });
});

describe('disks', () => {
  const mounts = parseMounts(
    [
      '/dev/xvda1 / ext4 rw 0 0',
      'proc /proc proc rw 0 0',
      'tmpfs /run tmpfs rw 0 0',
      '/dev/xvda1 /srv/bind ext4 rw 0 0',
      'filer:/vol/home /home nfs rw 0 0',
      'filer:/vol/home/.snapshot /home/.snapshot nfs ro 0 0',
      'filer:/vol/data/.snapshot/hourly.0 /mnt/snap nfs ro 0 0',
      '/dev/xvdb1 /mnt/with\\040space xfs rw 0 0',
    ].join('\n'),
  );
  it('keeps real filesystems only: no pseudo fs, bind duplicates or NetApp .snapshot mounts', () => {
    expect(realFilesystems(mounts).map((m) => m.mountpoint)).toEqual(['/', '/home', '/mnt/with space']);
  });
  it('flags a full disk and exhausted inodes', () => {
    const st = { bsize: 4096, blocks: 1000, bfree: 10, bavail: 0, files: 100, ffree: 1 };
    const r = checkFilesystem('/var', st, {
      space: { warning: 85, critical: 95 },
      inodes: { warning: 85, critical: 95 },
    });
    expect(r.map((c) => [c.name, c.status, Math.round(c.value ?? -1)])).toEqual([
      ['disk:/var', 'CRITICAL', 100],
      ['inodes:/var', 'CRITICAL', 99],
    ]);
  });
  it('skips the inode check where the filesystem has no inode table (btrfs reports 0)', () => {
    const st = { bsize: 4096, blocks: 1000, bfree: 500, bavail: 500, files: 0, ffree: 0 };
    expect(checkFilesystem('/', st, { space: {}, inodes: {} }).map((c) => c.name)).toEqual(['disk:/']);
  });
});

describe('gateways', () => {
  it('decodes /proc/net/route (little-endian hex) and prefers the lowest-metric default route', () => {
    expect(hexToIpv4('010200C0')).toBe('192.0.2.1');
    const routes = parseRoutes(
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
        'eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n' +
        'eth0\t00000000\t020200C0\t0003\t0\t0\t10\t00000000\t0\t0\t0\n' +
        'eth1\t0000A8C0\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n' +
        'eth2\t000010AC\tFE0010AC\t0003\t0\t0\t0\t0000FFFF\t0\t0\t0\n',
    );
    expect([...gatewaysFromRoutes(routes)]).toEqual([
      ['eth0', '192.0.2.2'],
      ['eth2', '172.16.0.254'],
    ]);
  });
  it('reads the address out of a 00:16 MAC and maps it to the configured gateway', () => {
    expect(ipFromMac('00:16:ac:13:0a:05')).toBe('172.19.10.5');
    expect(ipFromMac('52:54:00:12:34:56')).toBeUndefined();
    expect(inNetwork('172.19.10.5', '172.19.10.0/24')).toBe(true);
    expect(inNetwork('172.19.11.5', '172.19.10.0/24')).toBe(false);
    const rules = [{ network: '172.19.10.0/24', gateway: '172.19.10.1' }];
    expect(gatewayFromMac('eth0', '00:16:ac:13:0a:05', rules)).toMatchObject({ gateway: '172.19.10.1' });
    expect(gatewayFromMac('eth0', '00:16:0a:00:00:05', rules).source).toMatch(/matches no gateway rule/);
  });
  it('parses iputils ping summaries, including a failure to send', () => {
    expect(
      parsePing(
        '3 packets transmitted, 2 received, 33% packet loss\nrtt min/avg/max/mdev = 0.1/0.25/0.4/0.1 ms',
        '',
      ),
    ).toEqual({
      sent: 3,
      received: 2,
      rttMs: 0.25,
      error: undefined,
    });
    expect(parsePing('', 'ping: connect: Network is unreachable\n')).toMatchObject({
      sent: 0,
      error: 'ping: connect: Network is unreachable',
    });
  });
});

describe('on this machine', () => {
  it('parses the live /proc files', () => {
    expect(cpuSample(parseProcStat(readFileSync('/proc/stat', 'utf8'))).total).toBeGreaterThan(0);
    expect(parseMemInfoFields(readFileSync('/proc/meminfo', 'utf8')).get('MemTotal')).toBeGreaterThan(0);
    expect(checkLoad(parseLoadAvg(readFileSync('/proc/loadavg', 'utf8')), 1, {}).message).toMatch(
      /^load \d+\.\d\d \d+\.\d\d \d+\.\d\d on 1 cpu/,
    );
    expect(realFilesystems(parseMounts(readFileSync('/proc/mounts', 'utf8'))).length).toBeGreaterThan(0);
    expect(parseVmstat(readFileSync('/proc/vmstat', 'utf8')).has('pswpin')).toBe(true);
  });
});
