// Scenarios shared by the tests: one filer of each dialect, each the destination of a few relationships.
import type { Scenario } from '@opskit/ontap-sim';

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

export function threeDialects(): Scenario {
  return {
    filers: [
      { name: 'filer48', dialect: '7mode', bandwidthKBps: 1_000_000 },
      {
        name: 'filer13',
        dialect: '7mode',
        credentials: { username: 'root', password: 's3cret-7m' },
        bandwidthKBps: 10_240,
        maxConcurrentTransfers: 2,
        volumes: [
          { name: 'sm_home', qtrees: ['proj'] },
          { name: 'newvol', restricted: true },
        ],
      },
      {
        name: 'cl1',
        dialect: 'cluster-zapi',
        credentials: { username: 'admin', password: 'cl-pass' },
        svms: ['svmdst'],
        bandwidthKBps: 20_480,
        maxConcurrentTransfers: 1,
      },
      {
        name: 'ontap9',
        dialect: 'rest',
        credentials: { username: 'admin', password: 'rest-pass' },
        svms: ['svm9'],
        bandwidthKBps: 20_480,
      },
    ],
    relationships: [
      {
        source: 'filer48:userhome',
        destination: 'filer13:sm_home',
        lagSeconds: 469,
        pendingBytes: 100 * MiB,
        lastTransferBytes: 1044 * 1024,
        lastTransferSeconds: 7,
      },
      {
        source: 'filer48:/vol/projects/proj',
        destination: 'filer13:/vol/sm_home/proj',
        pendingBytes: 50 * MiB,
      },
      {
        source: 'filer48:big',
        destination: 'filer13:newvol',
        state: 'uninitialized',
        baselineBytes: 200 * MiB,
      },
      { source: 'svmsrc:vol1', destination: 'svmdst:vol1_dst', pendingBytes: 40 * MiB },
      { source: 'svmsrc:vol2', destination: 'svmdst:vol2_dst', pendingBytes: 40 * MiB },
      { source: 'svmsrc:vol3', destination: 'svmdst:vol3_dst', pendingBytes: 10 * GiB },
      { source: 'svmsrc:vol9', destination: 'svm9:vol9_dst', pendingBytes: 60 * MiB, lagSeconds: 7200 },
      { source: 'svmsrc:vol10', destination: 'svm9:vol10_dst', pendingBytes: 10 * GiB },
    ],
  };
}
