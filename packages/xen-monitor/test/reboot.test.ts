// CPU and swap rates across runs: the previous run's counters are a baseline only for the same boot
// (/proc/stat btime kept in the state) and only when recent; a reboot must not look like 100% busy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createExecutor } from '@opskit/core';
import { makeTempDir, type TempDir } from '@opskit/testkit';
import { type AgentState, parseAgentConfig, runHostChecks } from '@opskit/xen-monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let tmp: TempDir;
beforeAll(() => {
  tmp = makeTempDir('xen-reboot-');
});
afterAll(() => tmp?.remove());

const off = { enabled: false };
const checks = parseAgentConfig(
  JSON.stringify({
    checks: {
      cpu: { warning: 80, critical: 90 },
      swapActivity: { warning: 50, critical: 300 },
      swapUsed: off,
      memory: off,
      load: off,
      disk: off,
      gateway: off,
    },
  }),
).checks;

/** A /proc with the given cpu line counters (user, idle), swap counters and boot time. */
function proc(user: number, idle: number, swap: number, btime: number): string {
  const root = tmp.join(`proc-${Math.random().toString(36).slice(2)}`);
  mkdirSync(root);
  writeFileSync(
    `${root}/stat`,
    `cpu  ${user} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 ${user} 0 0 ${idle} 0 0 0 0 0 0\nbtime ${btime}\n`,
  );
  writeFileSync(`${root}/vmstat`, `pswpin ${swap}\npswpout ${swap}\n`);
  return root;
}

const run = (procRoot: string, now: number, prev: AgentState | undefined) =>
  runHostChecks(checks, { procRoot, sysRoot: '/sys', exec: createExecutor(), now }, prev);

const BOOT1 = 1_764_000_000;
const T0 = BOOT1 * 1000 + 86_400_000;

describe('rates across runs', () => {
  it('keeps btime in the state and measures since the last run within one boot', async () => {
    const first = await run(proc(0, 9000, 1000, BOOT1), T0, undefined);
    expect(first.state.btime).toBe(BOOT1);
    // 5 minutes later, same boot (btime wobbling by a second): 50% busy, no swapping
    const second = await run(proc(500, 9500, 1000, BOOT1 + 1), T0 + 300_000, first.state);
    expect(second.results.find((r) => r.name === 'cpu')).toMatchObject({ status: 'OK', value: 50 });
    expect(second.results.find((r) => r.name === 'cpu')?.message).toMatch(/since last run/);
    expect(second.results.find((r) => r.name === 'swap-activity')).toMatchObject({ status: 'OK', value: 0 });
  });

  it('starts a new baseline after a reboot, even when the new counters are higher than the old', async () => {
    const before = await run(proc(0, 9000, 1000, BOOT1), T0, undefined);
    // rebooted 10 minutes later: 50% busy since boot, counters past the old ones
    const after = await run(proc(5000, 5000, 900_000, BOOT1 + 86_700), T0 + 300_000, before.state);
    const cpu = after.results.find((r) => r.name === 'cpu');
    expect(cpu).toMatchObject({ status: 'OK', value: 50 });
    expect(cpu?.message).toMatch(/since boot/);
    expect(after.results.find((r) => r.name === 'swap-activity')).toMatchObject({
      status: 'OK',
      message: 'first sample: swap rate is measured from the next run on',
    });
    expect(after.state.btime).toBe(BOOT1 + 86_700);
  });

  it('ignores a previous sample older than an hour (agent stopped, guest paused)', async () => {
    const old = await run(proc(0, 9000, 1000, BOOT1), T0, undefined);
    const later = await run(proc(5000, 5000, 900_000, BOOT1), T0 + 2 * 3_600_000, old.state);
    expect(later.results.find((r) => r.name === 'cpu')?.message).toMatch(/since boot/);
    expect(later.results.find((r) => r.name === 'swap-activity')?.message).toMatch(/first sample/);
  });
});
