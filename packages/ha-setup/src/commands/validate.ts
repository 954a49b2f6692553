// validate <spec> [--authkey FILE]
import { type CommandArgs, type CommandContext, printJson, renderTable } from '@opskit/core';
import { buildPlan } from '../plan.js';
import { loadClusterSpec } from '../spec.js';
import { validatePlan } from '../validate.js';

export async function runValidate(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const loaded = loadClusterSpec(String(args['spec']));
  const report = await validatePlan(buildPlan(loaded), loaded, {
    authkey: args['authkey'] as string | undefined,
  });
  if (args.json) printJson(ctx.stdout, report);
  else {
    ctx.stdout.write(
      renderTable(
        ['check', 'ran', 'how'],
        report.checks.map((c) => [c.name, c.ran ? 'yes' : 'no', c.detail]),
      ),
    );
    if (report.findings.length) {
      ctx.stdout.write('\n');
      for (const f of report.findings)
        ctx.stdout.write(`${f.where ?? loaded.file}: ${f.severity}: [${f.check}] ${f.message}\n`);
    }
    ctx.stdout.write(
      `\ncluster "${report.cluster}": ${report.ok ? 'valid' : 'INVALID'} (${report.findings.filter((f) => f.severity === 'error').length} error(s), ${report.findings.filter((f) => f.severity === 'warning').length} warning(s))\n`,
    );
  }
  return report.ok ? 0 : 2;
}
