#!/usr/bin/env node
// opskit: the core's own CLI (self-check of this host).
import { main, packageVersion, printJson } from './cli-kit.js';
import { renderTable } from './table.js';

await main({
  name: 'opskit',
  version: packageVersion(import.meta.url),
  description: 'opskit core: checks that this host can run the opskit tools.',
  commands: [
    {
      command: 'self-check',
      describe: 'Check exec, timeouts, locks, atomic writes and redaction on this host; list peer programs',
      run: async (args, ctx) => {
        const { selfCheck } = await import('./commands/self-check.js');
        const report = await selfCheck();
        if (args.json) printJson(ctx.stdout, report);
        else {
          ctx.stdout.write(
            renderTable(
              ['check', 'result', 'detail'],
              report.checks.map((c) => [c.name, c.ok ? 'ok' : 'FAILED', c.detail]),
            ),
          );
          ctx.stdout.write('\n');
          ctx.stdout.write(
            renderTable(
              ['program', 'used by', 'found'],
              report.programs.map((p) => [p.program, p.usedBy, p.found ? 'yes' : 'no']),
            ),
          );
          ctx.stdout.write(`\nself-check ${report.ok ? 'passed' : 'FAILED'} on Node ${report.node}\n`);
        }
        return report.ok ? 0 : 1;
      },
    },
  ],
});
