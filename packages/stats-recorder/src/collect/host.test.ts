import { mkdirSync, writeFileSync } from 'node:fs';
import { makeTempDir } from '@opskit/testkit';
import { describe, expect, it } from 'vitest';
import { readHostSnapshot } from './host.js';

describe('readHostSnapshot', () => {
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

  it('refuses a /proc/stat without btime: reboots could not be told apart', () => {
    const dir = makeTempDir('stats-host-');
    try {
      const files: Record<string, string> = {
        stat: 'cpu  1 2 3 4 5 6 7 8 0 0\ncpu0 1 2 3 4\n',
        loadavg: '0.1 0.2 0.3 1/2 3\n',
        meminfo: 'MemTotal: 10 kB\nMemAvailable: 5 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n',
        vmstat: 'pswpin 1\npswpout 2\n',
        'net/dev': 'h1\nh2\n',
        diskstats: '',
      };
      mkdirSync(dir.join('net'));
      for (const [name, text] of Object.entries(files)) writeFileSync(dir.join(name), text);
      expect(() => readHostSnapshot({ procRoot: dir.path, sysRoot: dir.join('sys') })).toThrow(
        `${dir.join('stat')}: no "btime" line`,
      );
      writeFileSync(dir.join('stat'), `${files['stat']}btime 1795571086\n`);
      const s = readHostSnapshot({ procRoot: dir.path, sysRoot: dir.join('sys') });
      expect(s.stat).toEqual({
        cpu: { user: 1, nice: 2, system: 3, idle: 4, iowait: 5, irq: 6, softirq: 7, steal: 8 },
        btime: 1795571086,
      });
      expect(s.swap).toEqual({ swapIn: 1, swapOut: 2 });
    } finally {
      dir.remove();
    }
  });
});
