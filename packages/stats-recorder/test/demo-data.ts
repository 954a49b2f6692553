// A day of plausible samples (daily load curve, a backup burst at 02:00, one guest rebooting)
// written through the real recorder path, for chart and report tests.
import { type GuestSnapshot, type StatsDb, writeSample } from '../src/index.js';
import { hostSnapshot } from './helpers.js';

export function writeDemoDay(db: StatsDb, start: number, guests = 12, samples = 144): void {
  const cpu = new Array<number>(guests).fill(0);
  const net = new Array<number>(guests).fill(0);
  const io = new Array<number>(guests).fill(0);
  let user = 0;
  let sys = 0;
  let idle = 0;
  let wait = 0;
  let rx = 0;
  for (let i = 0; i <= samples; i++) {
    const ts = start + i * 600;
    const hour = ((ts % 86400) / 3600) | 0;
    const day = 0.5 + 0.5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI); // peaks mid-afternoon
    const backup = hour === 2 ? 1 : 0;
    const list: GuestSnapshot[] = [];
    for (let g = 0; g < guests; g++) {
      if (g === 3 && i === 80)
        cpu[g] = 0; // rebooted: counters restart
      else cpu[g]! += Math.round(600 * 10 * (0.05 + (0.6 * day * (g + 1)) / guests));
      net[g]! += Math.round(600 * (50 + 400 * day * ((g % 3) + 1) + 2000 * backup));
      io[g]! += Math.round(600 * (5 + 30 * day + 200 * backup));
      list.push({
        name: `vm${String(g + 1).padStart(2, '0')}`,
        state: 4,
        vcpus: 2,
        cpuDs: cpu[g]!,
        memKib: (1024 + 512 * (g % 4)) * 1024,
        netRxKib: net[g]!,
        netTxKib: Math.round(net[g]! / 3),
        vbdRd: io[g]!,
        vbdWr: Math.round(io[g]! / 2),
        vbdRsect: io[g]! * 16,
        vbdWsect: io[g]! * 8,
      });
    }
    user += Math.round(6000 * (0.05 + 0.4 * day));
    sys += Math.round(6000 * 0.05);
    wait += Math.round(6000 * 0.1 * backup);
    idle += Math.round(6000 * (0.9 - 0.4 * day - 0.1 * backup));
    rx += Math.round(600 * 1024 * (100 + 800 * day + 3000 * backup));
    writeSample(db, {
      now: ts * 1000,
      host: hostSnapshot({
        user,
        system: sys,
        iowait: wait,
        steal: i * 30,
        idle,
        rx,
        load1: 0.2 + 3 * day + backup,
      }),
      bootId: 'demo',
      guests: list,
      minGapS: 300,
    });
  }
}
