// xen-domu-agent run: check this guest, write the record into xenstore, exit with the Nagios code.
import { type CommandArgs, type CommandContext, packageVersion, printJson } from '@opskit/core';
import { loadAgentConfig } from '../agent/config.js';
import { renderAgentSummary } from '../agent/format.js';
import { runAgent } from '../agent/run.js';
import { openXenStore } from '../xenstore/open.js';
import { applyXenstoreFlags } from './common.js';

export async function agentRun(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = loadAgentConfig(args.config ?? ctx.env['OPSKIT_XEN_AGENT_CONFIG']);
  config.xenstore = applyXenstoreFlags(config.xenstore, args, ctx.env);
  if (typeof args['stateFile'] === 'string') config.stateFile = args['stateFile'];
  const dryRun = args.dryRun || Boolean(args['checkOnly']);
  const result = await runAgent({
    config,
    store: dryRun ? undefined : openXenStore(config.xenstore),
    dryRun: args.dryRun,
    agentVersion: packageVersion(import.meta.url),
  });
  const nagios = renderAgentSummary(result);
  if (args.json) printJson(ctx.stdout, result);
  else if (args['printRecord']) ctx.stdout.write(`${result.record}\n`);
  else ctx.stdout.write(nagios.text);
  return nagios.exitCode;
}
