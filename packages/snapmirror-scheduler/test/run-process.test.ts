// `snapmirror-scheduler run` as cron runs it: a real process, a real clock, a simulated filer over HTTP.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { realClock } from '@opskit/core';
import { type Simulator, startSimulator } from '@opskit/ontap-sim';
import { builtBin, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairScenario } from './support.js';

const MiB = 1024 ** 2;
let sim: Simulator;
let tmp: TempDir;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = makeTempDir();
  // 12 transfers of 24-40 MiB at 8 MiB/s: a few seconds each, in real time.
  const scenario = pairScenario(
    'rest',
    Array.from({ length: 12 }, (_, i) => (24 + (i % 5) * 4) * MiB),
  );
  scenario.filers[1]!.dialect = '7mode';
  sim = await startSimulator({ scenario, clock: realClock });
  const filerYaml = ['dr1', 'dr2']
    .map(
      (f) =>
        `  ${f}:\n    host: 127.0.0.1\n    port: ${sim.filers[f]!.port}\n    protocol: http\n    sourceFiler: ${f.replace('dr', 'prod')}`,
    )
    .join('\n');
  writeFileSync(
    tmp.join('snapmirror-scheduler.yaml'),
    `timezone: UTC\nallowIntoBusinessHours: true\npollIntervalSeconds: 1\ndefaultRateKBps: 8192\nstateDir: ${tmp.join('state')}\ndebugDir: ${tmp.path}\nlimits:\n  perFiler: { business: 2, offHours: 2 }\n  global: { business: 3, offHours: 3 }\nfilers:\n${filerYaml}\n`,
  );
  for (const f of ['dr1', 'dr2']) {
    const lines = (scenario.relationships ?? [])
      .filter((r) => r.destination.startsWith(`${f}:`))
      .map((r) => r.source.split(':')[1]);
    writeFileSync(tmp.join(`scheduleSnapMirror_${f}.conf`), `# test\n${lines.join('\n')}\n`);
  }
  env = {
    OPSKIT_ONTAP_DR1_USER: 'admin',
    OPSKIT_ONTAP_DR1_PASSWORD: 'secret-dr1',
    OPSKIT_ONTAP_DR2_USER: 'admin',
    OPSKIT_ONTAP_DR2_PASSWORD: 'secret-dr2',
  };
});
afterAll(async () => {
  await sim?.close();
  tmp?.remove();
});

describe('run as a process', () => {
  it('runs the night, refuses an overlapping run, writes the summary and the report, and never leaks a password', async () => {
    const bin = builtBin('snapmirror-scheduler');
    const summaryFile = tmp.join('night.json');
    const first = runNode(
      bin,
      [
        'run',
        'dr1',
        'dr2',
        '--config-dir',
        tmp.path,
        '--json',
        '--summary',
        summaryFile,
        '--html',
        tmp.join('night.html'),
        '--verbose',
        '--log-file',
        tmp.join('run.log'),
      ],
      { env, timeoutMs: 120_000 },
    );
    // A second cron run while the first holds the locks.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await runNode(bin, ['run', 'dr1', '--config-dir', tmp.path], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/lock .*dr1\.lock is held by running process \d+/);
    const status = await runNode(bin, ['status', '--config-dir', tmp.path, '--json'], { env });
    expect(status.code).toBe(0);
    const running = JSON.parse(status.stdout) as { filer: string; transferring: unknown[] }[];
    expect(running.map((s) => s.filer)).toEqual(['dr1', 'dr2']);
    expect(running.reduce((n, s) => n + s.transferring.length, 0)).toBeGreaterThan(0);

    const r = await first;
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.filter((e) => e.event === 'start')).toHaveLength(12);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ event: 'summary', counts: { succeeded: 12, failed: 0 } });
    expect(last.maxConcurrent.global).toBeLessThanOrEqual(3);
    expect(sim.concurrency().global.max).toBeLessThanOrEqual(3);
    expect(sim.concurrency().filers['dr1']?.max).toBeLessThanOrEqual(2);
    expect(existsSync(tmp.join('.scheduleSnapMirror_dr1.debug'))).toBe(true);
    expect(readFileSync(tmp.join('night.html'), 'utf8')).toContain('<svg');
    const logFile = readFileSync(tmp.join('run.log'), 'utf8');
    expect(logFile).toContain('"level"');
    for (const text of [
      r.stdout,
      r.stderr,
      readFileSync(summaryFile, 'utf8'),
      second.stderr,
      status.stdout,
      logFile,
      readFileSync(tmp.join('.scheduleSnapMirror_dr1.debug'), 'utf8'),
    ]) {
      expect(text).not.toContain('secret-dr');
    }

    const report = await runNode(bin, ['report', summaryFile, '--html', tmp.join('again.html')]);
    expect(report.code).toBe(0);
    expect(readFileSync(tmp.join('again.html'), 'utf8')).toContain('dr2:R_v01');
    const bad = await runNode(bin, [
      'report',
      tmp.join('snapmirror-scheduler.yaml'),
      '--html',
      tmp.join('x.html'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a readable JSON summary');
  });

  it('plans without launching anything (--dry-run)', async () => {
    const before = sim.transfers().length;
    const r = await runNode(
      builtBin('snapmirror-scheduler'),
      ['run', 'dr1', 'dr2', '--config-dir', tmp.path, '--dry-run', '--json', '--order', 'size'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.order).toBe('size');
    expect(plan.transfers).toHaveLength(12);
    expect(plan.transfers.every((t: { predictedStart: string | null }) => t.predictedStart)).toBe(true);
    expect(sim.transfers().length).toBe(before);
  });
});
