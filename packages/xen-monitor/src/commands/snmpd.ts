// xen-dom0-collector snmpd-config / extend / list-cluster.
import {
  type CommandArgs,
  type CommandContext,
  ConfigError,
  printJson,
  readSecretFile,
  renderTable,
  UsageError,
} from '@opskit/core';
import { readClusterShare, renderCluster } from '../collector/cluster.js';
import { extendOutput } from '../collector/extend-output.js';
import { installSteps, renderSnmpdConfig } from '../collector/snmpd-config.js';
import { collectorConfig } from './collector-config.js';

const secret = async (file: string) => (await readSecretFile(file)).trim();

export async function snmpdConfig(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = collectorConfig(args, ctx);
  const community = args['community'] as string | undefined;
  const user = args['v3User'] as string | undefined;
  if (!community && !user)
    throw new UsageError('give --community (SNMPv2c) or --v3-user with --auth-file and --priv-file');
  let v3: { user: string; authPassword: string; privPassword: string } | undefined;
  if (user) {
    if (!args['authFile'] || !args['privFile'])
      throw new UsageError('--v3-user needs --auth-file and --priv-file');
    v3 = {
      user,
      authPassword: await secret(args['authFile'] as string),
      privPassword: await secret(args['privFile'] as string),
    };
    for (const [k, v] of [
      ['auth-file', v3.authPassword],
      ['priv-file', v3.privPassword],
    ] as const)
      if (v.length < 8 || /["\s]/.test(v))
        throw new ConfigError('passphrase must be 8+ characters without quotes or spaces', {
          file: args[k === 'auth-file' ? 'authFile' : 'privFile'] as string,
        });
  }
  const o = {
    cacheFile: config.cacheFile,
    maxAgeSeconds: Number(args['maxAge']),
    resultsName: args['extendName'] as string,
    clusterCacheFile: config.clusterDir ? config.clusterCacheFile : undefined,
    clusterName: args['clusterName'] as string,
    cacheTimeSeconds: Number(args['cacheTime']),
    v2c: community ? { community, source: args['source'] as string } : undefined,
    v3,
  };
  ctx.stdout.write(renderSnmpdConfig(o));
  if (!args['linesOnly']) ctx.stdout.write(installSteps(o));
  return 0;
}

export async function extend(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = collectorConfig(args, ctx);
  const out = extendOutput(
    (args['cacheFile'] as string | undefined) ?? config.cacheFile,
    Number(args['maxAge']) * 1000,
  );
  ctx.stdout.write(out.text);
  return out.exitCode;
}

export async function listCluster(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const dir = args['dir'] as string;
  let listing: ReturnType<typeof readClusterShare>;
  try {
    listing = readClusterShare(dir);
  } catch (err) {
    throw new ConfigError(
      `cannot read the configuration share: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { file: dir },
    );
  }
  if (args.json) printJson(ctx.stdout, listing);
  else if (args['format'] === 'raw') ctx.stdout.write(renderCluster(listing));
  else {
    ctx.stdout.write(
      renderTable(
        ['DOM0', 'DOMUS', 'NAMES'],
        listing.dom0s.map((d) => [d.name, d.domUs.length, d.domUs.join(' ')]),
      ),
    );
    for (const w of listing.warnings) ctx.stdout.write(`warning: ${w}\n`);
  }
  return listing.warnings.length ? 1 : 0;
}
