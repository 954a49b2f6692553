// plan <spec> --out DIR
import { type CommandArgs, type CommandContext, printJson } from '@opskit/core';
import { buildPlan, writePlan } from '../plan.js';
import { loadClusterSpec } from '../spec.js';

export function outDirFor(args: CommandArgs, cluster: string): string {
  return (args['out'] as string | undefined) ?? `ha-setup-${cluster}`;
}

export async function runPlan(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const loaded = loadClusterSpec(String(args['spec']));
  const plan = buildPlan(loaded);
  const out = outDirFor(args, plan.cluster);
  const written = writePlan(plan, out);
  if (args.json) {
    printJson(ctx.stdout, {
      cluster: plan.cluster,
      out,
      files: plan.artifacts.map((a) => ({ path: a.path, installPath: a.installPath, why: a.why })),
      choices: plan.choices.map((c) => ({ ...c, where: c.source ? loaded.where(c.source) : undefined })),
    });
    return 0;
  }
  for (const c of plan.choices) ctx.stdout.write(`[${c.topic}] ${c.text}\n`);
  ctx.stdout.write(`\n${written.length} files written to ${out}/ (see ${out}/PLAN.md)\n`);
  return 0;
}
