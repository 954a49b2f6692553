import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHostSnapshot } from './host.js';
import {
  parseDiskstats,
  parseLoadAvg,
  parseMemInfo,
  parseNetDev,
  parseProcStat,
  parseVmstat,
} from './proc.js';

describe('/proc parsers on this machine', () => {
  it('reads a full host snapshot from the real /proc', () => {
    const s = readHostSnapshot();
    const c = s.stat.cpu;
    expect(c.user + c.system + c.idle).toBeGreaterThan(0);
    expect(s.stat.btime).toBeGreaterThan(1_000_000_000);
    expect(s.mem.totalKib).toBeGreaterThan(s.mem.availableKib);
    expect(s.load.load1).toBeGreaterThanOrEqual(0);
    expect(s.ifaces.get('lo')).toBeDefined();
    for (const name of s.disks.keys()) expect(name).not.toMatch(/^loop\d/);
  });

  it('agrees with the raw /proc/meminfo text', () => {
    const text = readFileSync('/proc/meminfo', 'utf8');
    const total = Number(/MemTotal:\s+(\d+)/.exec(text)?.[1]);
    expect(parseMemInfo(text).totalKib).toBe(total);
  });
});

describe('/proc parsers on known text', () => {
  it('parses the cpu and btime lines of /proc/stat', () => {
    const s = parseProcStat('cpu  26356 1 28334 85202 1056 2 435 7 0 0\ncpu0 1 2 3 4\nbtime 1795571086\n');
    expect(s).toEqual({
      cpu: { user: 26356, nice: 1, system: 28334, idle: 85202, iowait: 1056, irq: 2, softirq: 435, steal: 7 },
      btime: 1795571086,
    });
  });

  it('names the file and what is missing', () => {
    expect(() => parseProcStat('intr 1 2 3\n', '/x/stat')).toThrow('/x/stat: no "cpu" line');
    expect(() => parseNetDev('h1\nh2\n eth0: 1 2 3\n')).toThrow('eth0: expected 16 counters');
  });

  it('parses loadavg, vmstat, meminfo without MemAvailable', () => {
    expect(parseLoadAvg('0.15 0.29 1.18 1/88 16744\n')).toEqual({ load1: 0.15, load5: 0.29, load15: 1.18 });
    expect(parseVmstat('pgpgin 5\npswpin 12\npswpout 34\n')).toEqual({ swapIn: 12, swapOut: 34 });
    const m = parseMemInfo(
      'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 30 kB\nSwapTotal: 50 kB\nSwapFree: 40 kB\n',
    );
    expect(m).toEqual({ totalKib: 1000, availableKib: 150, swapTotalKib: 50, swapFreeKib: 40 });
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
});
