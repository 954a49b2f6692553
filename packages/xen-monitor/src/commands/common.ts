// Flags and commands shared by the three bins: xenstore backend flags (they override the configuration
// file), SNMPv3 credentials, the report formats, and the `schema` command.
import { type CommandSpec, printJson } from '@opskit/core';
import type { XenStoreConfig } from '../agent/config.js';

export type Argv = Parameters<NonNullable<CommandSpec['builder']>>[0];

/** `--format` of the commands that print a report. */
export const reportFormatOption = {
  alias: 'f',
  choices: ['human', 'raw', 'nagios', 'openmetrics', 'prometheus'],
  default: 'human',
} as const;

/** SNMPv3 user and the files holding its passphrases (`.options(snmpV3Options)`). */
export const snmpV3Options = {
  'v3-user': { type: 'string', describe: 'SNMPv3 user (authPriv, SHA + AES)' },
  'auth-file': { type: 'string', describe: 'file holding the v3 auth passphrase (mode 600)' },
  'priv-file': { type: 'string', describe: 'file holding the v3 privacy passphrase (mode 600)' },
} as const;

/** `schema`: prints the JSON Schema of the bin's configuration file (loaded lazily). */
export function schemaCommand(load: () => Promise<object>): CommandSpec {
  return {
    command: 'schema',
    describe: 'Print the JSON Schema of the configuration file',
    run: async (_args, ctx) => {
      printJson(ctx.stdout, await load());
      return 0;
    },
  };
}

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
