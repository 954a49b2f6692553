// simulate <spec>
import { type CommandArgs, type CommandContext, printJson, renderTable } from '@opskit/core';
import { buildPlan } from '../plan.js';
import { simulatePlan } from '../simulate.js';
import { loadClusterSpec } from '../spec.js';

export async function runSimulate(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const report = await simulatePlan(buildPlan(loadClusterSpec(String(args['spec']))));
  if (args.json) {
    printJson(ctx.stdout, report);
    return report.ok ? 0 : 1;
  }
  const header = ['resource', ...report.scenarios.map((s) => s.name)];
  const rows = report.resources.map((id) => [
    id,
    ...report.scenarios.map((s) => {
      const nodes = s.placement[id] ?? [];
      const mark = s.duplicated.includes(id)
        ? ' (TWICE!)'
        : s.failed && nodes.includes(s.failed)
          ? ' (failed node, not fenced)'
          : s.moved.includes(id)
            ? ' (moved)'
            : '';
      return nodes.length ? `${nodes.join('+')}${mark}` : 'STOPPED';
    }),
  ]);
  ctx.stdout.write(renderTable(header, rows, { alignRight: [] }));
  for (const s of report.scenarios.filter((x) => x.failed))
    ctx.stdout.write(
      `${s.name}: ${s.quorum ? '' : `the nodes left have NO QUORUM (no-quorum-policy ${report.noQuorumPolicy}); `}fenced ${s.fenced.join(', ') || 'nothing'}; moved ${s.moved.join(', ') || 'nothing'}${s.duplicated.length ? `; running twice: ${s.duplicated.join(', ')}` : ''}${s.stopped.length ? `; stopped: ${s.stopped.join(', ')}` : ''}\n`,
    );
  ctx.stdout.write(
    `\n${report.ok ? 'ok: every resource runs once, and on a surviving node after each failure' : 'PROBLEM: a resource runs twice, stays stopped or stays on a failed node'}\n`,
  );
  if (!report.ok && report.scenarios.some((s) => !s.quorum))
    ctx.stdout.write(
      `without quorum the nodes left neither fence nor run resources (no-quorum-policy ${report.noQuorumPolicy}): use twoNode with two nodes, or three or more nodes\n`,
    );
  return report.ok ? 0 : 1;
}
