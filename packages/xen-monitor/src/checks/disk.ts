// Disk space and inodes of every real mounted filesystem (pseudo filesystems, bind duplicates and
// NetApp .snapshot mounts skipped, as the original did).
import type { MountEntry } from '@opskit/core';
import { pct, statusOf } from './thresholds.js';
import type { CheckResult, Thresholds } from './types.js';

export const PSEUDO_FS = new Set([
  'proc',
  'sysfs',
  'tmpfs',
  'devtmpfs',
  'devpts',
  'cgroup',
  'cgroup2',
  'overlay',
  'squashfs',
  'securityfs',
  'pstore',
  'debugfs',
  'tracefs',
  'configfs',
  'fusectl',
  'mqueue',
  'hugetlbfs',
  'bpf',
  'autofs',
  'binfmt_misc',
  'rpc_pipefs',
  'nsfs',
  'efivarfs',
  'ramfs',
  'xenfs',
  'fuse.lxcfs',
  'fuse.portal',
  'rootfs',
  'selinuxfs',
  'nfsd',
  'sunrpc',
  'iso9660',
  'udf',
]);

export interface FsStats {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
}

export interface DiskOptions {
  space: Thresholds;
  inodes: Thresholds;
  ignoreTypes?: string[];
  /** Mount points to skip (exact paths). */
  ignoreMounts?: string[];
}

/** The filesystems worth checking, in /proc/mounts order. */
export function realFilesystems(
  mounts: MountEntry[],
  o: Pick<DiskOptions, 'ignoreTypes' | 'ignoreMounts'> = {},
): MountEntry[] {
  const seen = new Set<string>();
  const ignoreTypes = new Set(o.ignoreTypes ?? []);
  return mounts.filter((m) => {
    if (PSEUDO_FS.has(m.fstype) || ignoreTypes.has(m.fstype)) return false;
    if (/(^|\/)\.snapshots?(\/|$)/.test(m.mountpoint) || /\.snapshots?(\/|$)/.test(m.device)) return false;
    if ((o.ignoreMounts ?? []).includes(m.mountpoint)) return false;
    if (!m.device.startsWith('/') && !m.device.includes(':') && !m.device.startsWith('//')) {
      if (m.fstype !== 'zfs' && m.fstype !== 'btrfs') return false;
    }
    const key = `${m.device} ${m.fstype}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function checkFilesystem(mount: string, st: FsStats, o: DiskOptions): CheckResult[] {
  if (st.blocks === 0) return [];
  const used = st.blocks - st.bfree;
  const usedPct = used + st.bavail > 0 ? (100 * used) / (used + st.bavail) : 0;
  const freeMiB = Math.round((st.bavail * st.bsize) / 1048576);
  const out: CheckResult[] = [
    {
      name: `disk:${mount}`,
      status: statusOf(usedPct, o.space),
      value: usedPct,
      unit: '%',
      message: `${mount} ${pct(usedPct)} used (${freeMiB} MiB free)`,
    },
  ];
  if (st.files > 0) {
    const iPct = (100 * (st.files - st.ffree)) / st.files;
    out.push({
      name: `inodes:${mount}`,
      status: statusOf(iPct, o.inodes),
      value: iPct,
      unit: '%',
      message: `${mount} ${pct(iPct)} inodes used (${st.ffree} free)`,
    });
  }
  return out;
}
