// Issue target: on generated nights of 300 transfers (heavy-tailed sizes, two receiving filers,
// per-filer and global limits, capped links), --order size finishes within 1.05 of the lower bound on
// the median night; the configuration order's ratio is printed beside it, with the CPU time per night.
import { it } from 'vitest';
import { simulateNight } from '../src/commands/simulate.js';
import { generateNight } from '../src/generate.js';

const NIGHTS = Number(process.env['OPSKIT_BENCH_NIGHTS'] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

it('makespan / lower bound per ordering over generated nights', { timeout: 3_600_000 }, async () => {
  const rows: string[] = [];
  const ratios: Record<string, number[]> = { config: [], size: [] };
  const cpu: Record<string, number[]> = { config: [], size: [] };
  const engine: Record<string, number[]> = { config: [], size: [] };
  for (let seed = 1; seed <= NIGHTS; seed++) {
    const scenario = generateNight({
      seed,
      transfers: 300,
      medianBytes: 4 * 1024 ** 3,
      sigma: 1.2,
      predictionNoise: 0.15,
      rateKBps: 8704,
      linkKBps: 61_440,
      perFiler: { business: 2, offHours: 8 },
      global: { business: 3, offHours: 12 },
    });
    for (const order of ['config', 'size'] as const) {
      const r = await simulateNight({ scenario, order });
      ratios[order]!.push(r.ratio);
      cpu[order]!.push(r.cpuMs.process);
      engine[order]!.push(r.cpuMs.engine);
      rows.push(
        `night ${seed} ${order.padEnd(6)} makespan ${(r.makespanSeconds / 3600).toFixed(2)} h  bound ${(r.lowerBound.seconds / 3600).toFixed(2)} h (${r.lowerBound.binding})  ratio ${r.ratio.toFixed(3)}  max concurrency ${r.maxConcurrent.global} (${Object.entries(
          r.maxConcurrent.perFiler,
        )
          .map(([f, n]) => `${f} ${n}`)
          .join(
            ', ',
          )})  cpu ${(r.cpuMs.process / 1000).toFixed(1)} s (engine ${(r.cpuMs.engine / 1000).toFixed(2)} s)  real ${(r.realMs / 1000).toFixed(1)} s  ${r.counts.succeeded} ok ${r.counts.failed} failed ${r.counts.deferred} deferred`,
      );
    }
  }
  console.log(rows.join('\n'));
  const s = median(ratios['size']!);
  const c = median(ratios['config']!);
  console.log(
    `\nsnapmirror-scheduler bench (${NIGHTS} nights of 300 transfers): median makespan/lower-bound --order size ${s.toFixed(3)} (target <= 1.05, ${s <= 1.05 ? 'MET' : 'NOT MET'}) vs --order config ${c.toFixed(3)} (baseline, same nights); config/size ${(c / s).toFixed(3)}`,
  );
  console.log(
    `CPU per simulated night (process: scheduler + client + in-process simulator): median ${(median(cpu['size']!) / 1000).toFixed(1)} s size, ${(median(cpu['config']!) / 1000).toFixed(1)} s config; engine decisions alone ${(median(engine['size']!)).toFixed(0)} ms`,
  );
});
