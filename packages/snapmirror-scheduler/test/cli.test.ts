// The CLI as a user runs it: a real process on the built bin.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtBin, makeTempDir, runNode, type TempDir } from '@opskit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const bin = () => builtBin('snapmirror-scheduler');
const examples = resolve(import.meta.dirname, '..', 'examples');

describe('snapmirror-scheduler CLI', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
    cpSync(examples, tmp.path, { recursive: true });
  });
  afterEach(() => tmp.remove());

  it('has --help on every command', async () => {
    for (const cmd of [[], ['run'], ['plan'], ['status'], ['simulate'], ['report'], ['demo']]) {
      const r = await runNode(bin(), [...cmd, '--help']);
      expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('--json');
    }
  });

  it('refuses a malformed configuration line with file:line and exit 2, launching nothing', async () => {
    writeFileSync(join(tmp.path, 'scheduleSnapMirror_nas01a-ibm.conf'), 'myVol13\nnas1a:vol2 rate=fast\n');
    const r = await runNode(bin(), ['run', 'nas01a-ibm', '--config-dir', tmp.path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scheduleSnapMirror_nas01a-ibm.conf:2: rate must be a whole number of KB/s');
  });

  it('names an unknown filer', async () => {
    const r = await runNode(bin(), ['run', 'nas99', '--config-dir', tmp.path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown filer "nas99" (configured filers: nas01a-ibm, nas01b-ibm)');
  });

  it('names the filer whose credentials are missing', async () => {
    const yaml = join(tmp.path, 'snapmirror-scheduler.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^credentialsFile:.*$/m, ''));
    const r = await runNode(bin(), ['run', 'nas01a-ibm', '--config-dir', tmp.path], {
      env: { OPSKIT_ONTAP_USER: undefined, OPSKIT_ONTAP_PASSWORD: undefined },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nas01a-ibm/);
    expect(r.stderr).toMatch(/credentials/i);
  });

  it('names the field of a bad main configuration', async () => {
    writeFileSync(join(tmp.path, 'snapmirror-scheduler.yaml'), 'filers:\n  f1:\n    dialect: 8mode\n');
    const r = await runNode(bin(), ['run', 'f1', '--config-dir', tmp.path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'snapmirror-scheduler.yaml:3: filers.f1.dialect: expected one of "auto", "7mode", "cluster-zapi", "rest"',
    );
  });
});

describe('simulate and demo as processes', () => {
  it('simulates the example night and reports makespan, bound and concurrency within the limits', async () => {
    const r = await runNode(bin(), [
      'simulate',
      '--scenario',
      join(examples, 'night-scenario.json'),
      '--order',
      'size',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.counts.succeeded).toBe(24);
    expect(out.makespanSeconds).toBeGreaterThanOrEqual(out.lowerBound.seconds * (1 - 1e-9));
    expect(out.maxConcurrent.global).toBeLessThanOrEqual(5);
    for (const n of Object.values(out.maxConcurrent.perFiler)) expect(n).toBeLessThanOrEqual(3);
    expect(out.transfers[0]).toHaveProperty('start');
  });

  it('names the problem in a bad scenario file', async () => {
    const tmp = makeTempDir();
    writeFileSync(tmp.join('s.json'), '{\n  "simulator": {"filers": []}\n}\n');
    const r = await runNode(bin(), ['simulate', '--scenario', tmp.join('s.json')]);
    tmp.remove();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing "scheduler" object');
  });

  it('runs the demo and writes its HTML report', async () => {
    const tmp = makeTempDir();
    const r = await runNode(bin(), ['demo', '--html', tmp.join('demo.html')]);
    const html = readFileSync(tmp.join('demo.html'), 'utf8');
    tmp.remove();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('40 succeeded, 0 failed');
    expect(html).toContain('Gantt');
  });
});
