// Flag handling shared by the bins: xenstore backend flags override the configuration file.
import type { CommandSpec } from '@opskit/core';

export type Argv = Parameters<NonNullable<CommandSpec['builder']>>[0];

import type { XenStoreConfig } from '../agent/config.js';

export function xenstoreFlags(y: Argv): Argv {
  return y
    .option('socket', {
      type: 'string',
      describe: 'xenstored socket or xenbus device (sets XENSTORED_PATH for the clients)',
    })
    .option('store-dir', {
      type: 'string',
      describe: 'use the directory-backed store rooted here instead of xenstore',
    })
    .option('domid', { type: 'number', describe: 'domain the directory-backed store acts as' });
}

export function applyXenstoreFlags(
  c: XenStoreConfig,
  args: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): XenStoreConfig {
  const out = { ...c };
  const socket = (args['socket'] as string | undefined) ?? env['OPSKIT_XENSTORE_SOCKET'];
  const dir = (args['storeDir'] as string | undefined) ?? env['OPSKIT_XENSTORE_DIR'];
  if (socket) out.socketPath = socket;
  if (dir) {
    out.backend = 'dir';
    out.dir = dir;
  }
  if (typeof args['domid'] === 'number') out.domid = args['domid'] as number;
  return out;
}
