// Core's packaging pattern, checked once: the tarball `pnpm pack` makes runs its bin through npx.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir, runProcess } from '@opskit/testkit';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = resolve(import.meta.dirname, '..');
const tmp = makeTempDir('opskit-pack-');
afterAll(() => tmp.remove());

describe('packaging', () => {
  it('packs a tarball whose bin runs with npx', { timeout: 240_000 }, async () => {
    const pack = await runProcess('npx', ['-y', 'pnpm@10.34.8', 'pack', '--pack-destination', tmp.path], {
      cwd: pkgDir,
      timeoutMs: 120_000,
    });
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = readdirSync(tmp.path).find((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^opskit-core-\d+\.\d+\.\d+\.tgz$/);
    const run = await runProcess(
      'npx',
      ['-y', '--package', join(tmp.path, tarball ?? ''), '--', 'opskit', 'self-check', '--json'],
      {
        cwd: tmp.path,
        env: { npm_config_cache: tmp.join('npm-cache'), npm_config_update_notifier: 'false' },
        timeoutMs: 180_000,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).ok).toBe(true);
  });
});
