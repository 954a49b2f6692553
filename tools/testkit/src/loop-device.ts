// Loop devices for tests that need a real block device (sbd refuses plain files): a sparse file in a temp
// dir attached with `losetup -f --show`, detached and removed in teardown. Needs root.
import { execFileSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { makeTempDir, type TempDir } from './temp.js';

export interface LoopDevice {
  /** /dev/loopN */
  device: string;
  /** the backing file */
  file: string;
  /** detaches the device and removes the temp dir (safe to call twice) */
  detach(): void;
}

/** Attaches a zero-filled file of `bytes` to a free loop device; fails with a clear message if it cannot. */
export function createLoopDevice(bytes = 8 * 1024 * 1024, prefix = 'opskit-loop-'): LoopDevice {
  const tmp: TempDir = makeTempDir(prefix);
  const file = tmp.join('disk.img');
  writeFileSync(file, '');
  truncateSync(file, bytes);
  let device: string;
  try {
    device = execFileSync('losetup', ['-f', '--show', file], { encoding: 'utf8' }).trim();
  } catch (err) {
    tmp.remove();
    throw new Error(
      `cannot create a loop device (losetup -f --show ${file}): ${(err as Error).message.trim()}; the sbd tests need root and /dev/loop-control`,
    );
  }
  let attached = true;
  return {
    device,
    file,
    detach() {
      if (attached) {
        attached = false;
        try {
          execFileSync('losetup', ['-d', device]);
        } finally {
          tmp.remove();
        }
      }
    },
  };
}
