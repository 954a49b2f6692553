// The ontap-sim CLI as a process (built dist): check, serve with the shortcut form, help.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createSnapMirrorClient } from '@opskit/core';
import { SCENARIO_SCHEMA } from '@opskit/ontap-sim';
import { builtBin, makeTempDir, runNode } from '@opskit/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const dir = makeTempDir();
afterAll(() => dir.remove());

const scenario = {
  start: '2026-01-05T18:00:00Z',
  filers: [
    { name: 'f1', dialect: 'rest', svms: ['svm1'], credentials: { username: 'admin', password: 'pw1' } },
    { name: 'f2', dialect: '7mode' },
  ],
  relationships: [{ source: 'x:v', destination: 'svm1:v_dst', pendingBytes: 1_000_000 }],
};

describe('ontap-sim CLI', () => {
  it('check accepts a valid scenario and rejects a bad one with file:line and the field', async () => {
    const good = dir.join('good.json');
    writeFileSync(good, JSON.stringify(scenario, null, 2));
    const ok = await runNode(builtBin('ontap-sim'), ['check', '--scenario', good, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ valid: true, filers: 2, relationships: 1, faults: 0 });
    const bad = dir.join('bad.json');
    writeFileSync(bad, '{\n  "filers": [\n    { "name": "f1", "dialect": "8mode" }\n  ]\n}\n');
    const ko = await runNode(builtBin('ontap-sim'), ['check', '--scenario', bad]);
    expect(ko.code).toBe(2);
    expect(ko.stderr).toBe(
      `ontap-sim: error: ${bad}:3: filers[0].dialect: expected one of "7mode", "cluster-zapi", "rest"\n`,
    );
  });

  it('serves the scenario with the shortcut form and answers a client until SIGTERM', async () => {
    const file = dir.join('serve.json');
    writeFileSync(file, JSON.stringify(scenario));
    const child = spawn(
      process.execPath,
      [builtBin('ontap-sim'), '--scenario', file, '--speed', '60', '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      const info = await new Promise<{
        filers: { name: string; port: number; dialect: string }[];
        speed: number;
      }>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          try {
            resolve(JSON.parse(out));
          } catch {}
        });
        child.on('exit', (code) => reject(new Error(`ontap-sim exited ${code}: ${out}`)));
      });
      expect(info.speed).toBe(60);
      const f1 = info.filers.find((f) => f.name === 'f1')!;
      const c = await createSnapMirrorClient({
        name: 'f1',
        host: '127.0.0.1',
        port: f1.port,
        protocol: 'http',
        credentials: { username: 'admin', password: 'pw1' },
      });
      expect(c.dialect).toBe('rest');
      expect((await c.listRelationships()).map((r) => r.destination)).toEqual(['svm1:v_dst']);
    } finally {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
  });

  it('prints help that names the shortcut', async () => {
    const r = await runNode(builtBin('ontap-sim'), ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ontap-sim --scenario FILE [--port N] [--speed X]');
    expect(r.stdout).toContain('serve');
  });

  it('publishes the scenario JSON Schema file up to date', () => {
    const file = new URL('../schema/scenario.schema.json', import.meta.url);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(SCENARIO_SCHEMA)));
  });
});

describe('scenario cross-checks', () => {
  it.each([
    [
      '{"filers":[{"name":"f1","dialect":"rest"}],\n"relationships":[\n{"source":"x:v","destination":"nowhere:v"}]}',
      3,
      'relationships[0].destination: "nowhere" is neither a filer nor a vFiler/SVM',
    ],
    [
      '{"filers":[{"name":"f1","dialect":"rest"}],\n"relationships":[{"source":"x:v","destination":"f1:v"},\n{"source":"y:v","destination":"f1:/vol/v"}]}',
      3,
      'relationships[1].destination: a second relationship with destination f1:/vol/v',
    ],
    [
      '{"filers":[{"name":"f1","dialect":"rest"}],\n"faults":[{"filer":"f2","kind":"reset"}]}',
      2,
      'faults[0].filer: fault names unknown filer "f2"',
    ],
    [
      '{"filers":[{"name":"f1","dialect":"rest"},\n{"name":"F1","dialect":"7mode"}]}',
      2,
      'filers[1].name: duplicate filer name "F1"',
    ],
    [
      '{"filers":[{"name":"f1","dialect":"rest","svms":["s1"]},\n{"name":"f2","dialect":"rest","svms":\n["S1"]}]}',
      3,
      'filers[1].svms[0]: vFiler/SVM name "S1" is used twice',
    ],
    [
      '{"filers":[{"name":"f1","dialect":"rest"}],\n"links":[{"from":"x","to":"f9","bandwidthKBps":1}]}',
      2,
      'links[0].to: link goes to unknown filer "f9"',
    ],
  ])('names the line and field of a bad cross-reference (%#)', async (text, line, message) => {
    const file = dir.join(`x${line}${text.length}.json`);
    writeFileSync(file, text);
    const r = await runNode(builtBin('ontap-sim'), ['check', '-s', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:${line}: ${message}`);
  });
});
