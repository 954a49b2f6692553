// Synthetic snapshots with known counters, to check what reports compute from them.
import type { GuestSnapshot, HostSnapshot } from '../src/index.js';

export const T0 = Date.UTC(2026, 10, 20, 0, 0, 0) / 1000;

export interface HostCounters {
  user: number;
  system: number;
  iowait: number;
  steal: number;
  idle: number;
  rx: number;
  load1?: number;
}

export function hostSnapshot(c: HostCounters): HostSnapshot {
  return {
    stat: {
      cpu: {
        user: c.user,
        nice: 0,
        system: c.system,
        idle: c.idle,
        iowait: c.iowait,
        irq: 0,
        softirq: 0,
        steal: c.steal,
      },
      btime: 1,
    },
    load: { load1: c.load1 ?? 1, load5: 0.5, load15: 0.25 },
    mem: { totalKib: 1000, availableKib: 250, swapTotalKib: 0, swapFreeKib: 0 },
    swap: { swapIn: 0, swapOut: 0 },
    ifaces: new Map([
      ['eth0', { rxBytes: c.rx, rxPackets: Math.round(c.rx / 1000), txBytes: 0, txPackets: 0 }],
    ]),
    disks: new Map([['xvda', { reads: 0, readSectors: 0, writes: 0, writeSectors: 0 }]]),
  };
}

export function guest(name: string, cpuDs: number, netKib = 0, io = 0): GuestSnapshot {
  return {
    name,
    state: 4,
    vcpus: 2,
    cpuDs,
    memKib: 2048 * 1024,
    netRxKib: netKib,
    netTxKib: netKib,
    vbdRd: io,
    vbdWr: io,
    vbdRsect: io * 8,
    vbdWsect: io * 8,
  };
}
