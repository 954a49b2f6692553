// Builds the XenStore backend a configuration asks for.
import { ConfigError, type Executor } from '@opskit/core';
import type { XenStoreConfig } from '../agent/config.js';
import { CliXenStore } from './cli-store.js';
import { DirXenStore } from './dir-store.js';
import type { XenStore } from './store.js';

export function openXenStore(c: XenStoreConfig, executor?: Executor): XenStore {
  if (c.backend === 'dir') {
    if (!c.dir) throw new ConfigError('the dir backend needs "dir"', { field: 'xenstore.dir' });
    return new DirXenStore(c.dir, { domid: c.domid });
  }
  return new CliXenStore({
    ...(c.socketPath ? { socketPath: c.socketPath } : {}),
    ...(c.binDir ? { binDir: c.binDir } : {}),
    ...(executor ? { executor } : {}),
  });
}
