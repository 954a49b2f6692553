import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cpuTotal,
  hexToIpv4,
  parseDiskstats,
  parseLoadAvg,
  parseMemInfo,
  parseMemInfoFields,
  parseMounts,
  parseNetDev,
  parseProcStat,
  parseRoutes,
  parseSwapCounters,
  parseVmstat,
} from './proc.js';

describe('/proc parsers on known text', () => {
  it('parses the cpu and btime lines of /proc/stat', () => {
    const s = parseProcStat('cpu  26356 1 28334 85202 1056 2 435 7 0 0\ncpu0 1 2 3 4\nbtime 1795571086\n');
    expect(s).toEqual({
      cpu: { user: 26356, nice: 1, system: 28334, idle: 85202, iowait: 1056, irq: 2, softirq: 435, steal: 7 },
      cpus: 1,
      btime: 1795571086,
    });
  });

  it('counts the cpuN lines, sums the ticks without guest time, and leaves btime unknown when absent', () => {
    const s = parseProcStat('cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 1 1 1\ncpu1 1 1 1 1\n');
    expect(s.cpus).toBe(2);
    expect(s.btime).toBeUndefined();
    expect(cpuTotal(s.cpu)).toBe(1000);
    expect(parseProcStat('cpu  9000 0 9000 9000 0 0 0 0\n').cpus).toBe(1);
    expect(cpuTotal(parseProcStat('cpu  400 0 200 1000 200 0 0 200 9 9\n').cpu)).toBe(2000);
  });

  it('names the file and what is missing', () => {
    expect(() => parseProcStat('intr 1 2 3\n', '/x/stat')).toThrow('/x/stat: no "cpu" line');
    expect(() => parseProcStat('cpu 1 x 3\n', '/x/stat')).toThrow(
      '/x/stat: expected a number for cpu field 2',
    );
    expect(() => parseNetDev('h1\nh2\n eth0: 1 2 3\n')).toThrow('eth0: expected 16 counters');
    expect(() => parseLoadAvg('one two three\n')).toThrow('/proc/loadavg: expected a number for load1');
    expect(() => parseMemInfo('MemTotal: 1000 kB\n', '/m')).toThrow('/m: no "MemFree" line');
    expect(() => parseSwapCounters('pgpgin 5\n')).toThrow('/proc/vmstat: expected a number for pswpin');
  });

  it('parses loadavg, vmstat, meminfo without MemAvailable', () => {
    expect(parseLoadAvg('0.15 0.29 1.18 1/88 16744\n')).toEqual({ load1: 0.15, load5: 0.29, load15: 1.18 });
    expect(parseLoadAvg('9.00 8.00 7.00 3/200 999\n')).toEqual({ load1: 9, load5: 8, load15: 7 });
    expect(parseSwapCounters('pgpgin 5\npswpin 12\npswpout 34\n')).toEqual({ swapIn: 12, swapOut: 34 });
    const m = parseMemInfo(
      'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 30 kB\nSwapTotal: 50 kB\nSwapFree: 40 kB\n',
    );
    expect(m).toEqual({ totalKib: 1000, availableKib: 150, swapTotalKib: 50, swapFreeKib: 40 });
  });

  it('keeps every numeric key of /proc/vmstat and /proc/meminfo', () => {
    const vm = parseVmstat('nr_free_pages 1\npswpin 31000\npswpout 95000\nodd x\n');
    expect([...vm]).toEqual([
      ['nr_free_pages', 1],
      ['pswpin', 31000],
      ['pswpout', 95000],
    ]);
    const mem = parseMemInfoFields(
      'MemTotal: 1000 kB\nSwapTotal:  2097152 kB\nActive(anon):  7 kB\nHugePages_Total: 0\n',
    );
    expect([...mem]).toEqual([
      ['MemTotal', 1000],
      ['SwapTotal', 2097152],
      ['Active(anon)', 7],
      ['HugePages_Total', 0],
    ]);
  });

  it('parses /proc/net/dev and whole disks of /proc/diskstats', () => {
    const net = parseNetDev(
      'Inter-|   Receive |  Transmit\n face |bytes packets|bytes\n  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n',
    );
    expect(net.get('eth0')).toEqual({ rxBytes: 1000, rxPackets: 10, txBytes: 2000, txPackets: 20 });
    const disks = parseDiskstats(
      ' 254 0 vda 41186 11508 2674738 9712 39708 19446 3144944 10767 0 6992 21360\n 254 1 vda1 1 2 3 4 5 6 7 8 0 0 0\n',
      (n) => n === 'vda',
    );
    expect([...disks]).toEqual([
      ['vda', { reads: 41186, readSectors: 2674738, writes: 39708, writeSectors: 3144944 }],
    ]);
  });

  it('parses /proc/mounts with its octal escapes undone', () => {
    const mounts = parseMounts(
      [
        '/dev/xvda1 / ext4 rw,relatime 0 0',
        'proc /proc proc rw 0 0',
        '/dev/xvdb1 /mnt/with\\040space xfs rw 0 0',
      ].join('\n'),
    );
    expect(mounts).toEqual([
      { device: '/dev/xvda1', mountpoint: '/', fstype: 'ext4', options: ['rw', 'relatime'] },
      { device: 'proc', mountpoint: '/proc', fstype: 'proc', options: ['rw'] },
      { device: '/dev/xvdb1', mountpoint: '/mnt/with space', fstype: 'xfs', options: ['rw'] },
    ]);
  });

  it('decodes /proc/net/route (little-endian hex)', () => {
    expect(hexToIpv4('010200C0')).toBe('192.0.2.1');
    const routes = parseRoutes(
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
        'eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n' +
        'eth1\t0000A8C0\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n',
    );
    expect(routes).toEqual([
      { iface: 'eth0', destination: '0.0.0.0', gateway: '192.0.2.1', flags: 3, metric: 100, mask: '0.0.0.0' },
      {
        iface: 'eth1',
        destination: '192.168.0.0',
        gateway: '0.0.0.0',
        flags: 1,
        metric: 0,
        mask: '255.255.0.0',
      },
    ]);
  });
});

describe('/proc parsers on this machine', () => {
  it('agrees with the raw /proc/meminfo text', () => {
    const text = readFileSync('/proc/meminfo', 'utf8');
    const total = Number(/MemTotal:\s+(\d+)/.exec(text)?.[1]);
    expect(parseMemInfo(text).totalKib).toBe(total);
    expect(parseMemInfoFields(text).get('MemTotal')).toBe(total);
  });

  it('parses the live /proc files', () => {
    const stat = parseProcStat(readFileSync('/proc/stat', 'utf8'));
    expect(cpuTotal(stat.cpu)).toBeGreaterThan(0);
    expect(stat.btime).toBeGreaterThan(1_000_000_000);
    expect(parseLoadAvg(readFileSync('/proc/loadavg', 'utf8')).load1).toBeGreaterThanOrEqual(0);
    expect(parseMounts(readFileSync('/proc/mounts', 'utf8')).some((m) => m.mountpoint === '/')).toBe(true);
    expect(parseVmstat(readFileSync('/proc/vmstat', 'utf8')).has('pswpin')).toBe(true);
    expect(parseSwapCounters(readFileSync('/proc/vmstat', 'utf8')).swapIn).toBeGreaterThanOrEqual(0);
    expect(parseNetDev(readFileSync('/proc/net/dev', 'utf8')).get('lo')).toBeDefined();
  });
});
