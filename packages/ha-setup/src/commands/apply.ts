// apply <spec> --out DIR [--execute] [--no-cib]
import { type CommandArgs, type CommandContext, printJson } from '@opskit/core';
import { applyPlan } from '../apply.js';
import { buildPlan } from '../plan.js';
import { loadClusterSpec } from '../spec.js';
import { outDirFor } from './plan.js';

export async function runApply(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const plan = buildPlan(loadClusterSpec(String(args['spec'])));
  // a dry run unless asked to execute (--execute, or --no-dry-run)
  const execute = Boolean(args['execute']) || args['dryRun'] === false;
  const report = await applyPlan(plan, {
    outDir: outDirFor(args, plan.cluster),
    execute,
    loadCib: args['cib'] !== false,
  });
  if (args.json) printJson(ctx.stdout, report);
  else {
    ctx.stdout.write(
      report.dryRun
        ? '# dry run: these commands would run as root (--execute runs them). First create and copy the\n# corosync key (AUTHKEY.txt in the plan folder); load the CIB on one node only (--no-cib elsewhere).\n'
        : '# ran:\n',
    );
    for (const c of report.commands) ctx.stdout.write(`${c}\n`);
  }
  return 0;
}
