#!/usr/bin/env node
// snapmirror-scheduler: yargs wiring only; each command lazily loads its library function.
import {
  type Argv,
  type CommandArgs,
  type CommandContext,
  main,
  packageVersion,
  printJson,
} from '@opskit/core';

const DEFAULT_CONFIG_DIR = '/etc/opskit/snapmirror-scheduler';

const configDir = (y: Argv) =>
  y.option('config-dir', {
    alias: 'C',
    type: 'string',
    default: process.env['OPSKIT_SNAPMIRROR_CONFIG_DIR'] ?? DEFAULT_CONFIG_DIR,
    describe: 'Directory holding snapmirror-scheduler.yaml and scheduleSnapMirror_<filer>.conf',
  });
const order = (y: Argv) =>
  y.option('order', {
    choices: ['config', 'size'] as const,
    describe: 'Launch order (default: from the configuration)',
  });

async function run(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const { runCommand } = await import('./commands/run.js');
  const { formatEvent, LiveTable } = await import('./live.js');
  const { renderSummary } = await import('./summary.js');
  const { renderPlan } = await import('./format.js');
  const tty = Boolean(ctx.stdout.isTTY) && !args.json;
  const live = tty ? new LiveTable(ctx.stdout) : undefined;
  const ac = new AbortController();
  const stop = () => ac.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await runCommand({
      configDir: String(args['configDir']),
      filers: (args['filer'] as string[] | undefined) ?? [],
      order: args['order'] as 'config' | 'size' | undefined,
      dryRun: args.dryRun,
      verbose: args.verbose,
      summaryFile: args['summary'] as string | undefined,
      htmlFile: args['html'] as string | undefined,
      clock: ctx.clock,
      log: ctx.log,
      env: ctx.env,
      signal: ac.signal,
      onEvent: (e) => {
        ctx.log.debug(formatEvent(e), { event: e.type, filer: e.filer });
        if (args.json)
          ctx.stdout.write(
            `${JSON.stringify({ event: e.type, ...e, time: new Date(e.time).toISOString() })}\n`,
          );
        else if (!live) ctx.stdout.write(`${formatEvent(e)}\n`);
      },
      onTick: live ? (engine, now) => live.render(engine, now) : undefined,
    });
    if (result.plan) {
      if (args.json) printJson(ctx.stdout, result.plan);
      else ctx.stdout.write(renderPlan(result.plan));
      return 0;
    }
    const summary = result.summary!;
    if (args.json) {
      const { events: _e, timeline: _t, ...rest } = summary;
      ctx.stdout.write(`${JSON.stringify({ event: 'summary', summaryFile: result.summaryFile, ...rest })}\n`);
    } else {
      ctx.stdout.write(`\n${renderSummary(summary)}summary: ${result.summaryFile}\n`);
    }
    if (summary.interrupted)
      ctx.stderr.write(
        'snapmirror-scheduler: interrupted; transfers still running go on and the next run adopts them\n',
      );
    return summary.counts.failed > 0 || summary.interrupted ? 1 : 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

await main({
  name: 'snapmirror-scheduler',
  version: packageVersion(import.meta.url),
  description:
    'Launches SnapMirror transfers in priority order, never more than N at once (fewer in business hours), rate-capped and crash-safe.',
  dryRun: true,
  commands: [
    {
      command: 'run <filer...>',
      describe: 'Launch the transfers of these receiving filers (scheduleSnapMirror_<filer>.conf)',
      builder: (y) =>
        order(configDir(y))
          .positional('filer', { type: 'string', array: true, describe: 'Receiving filers' })
          .option('summary', {
            type: 'string',
            describe: 'JSON summary file (default <stateDir>/summary-<time>.json)',
          })
          .option('html', { type: 'string', describe: 'Also write the HTML report (Gantt chart) here' })
          .example('$0 run nas01a-ibm nas01b-ibm --order size', 'Both receiving filers, largest first')
          .example('$0 run nas01a-ibm --dry-run', 'What would be launched and when'),
      run,
    },
    {
      command: 'plan <filer...>',
      describe: 'The launch order and predicted timeline from the filers’ current figures',
      builder: (y) => order(configDir(y)).positional('filer', { type: 'string', array: true }),
      run: async (args, ctx) => run({ ...args, dryRun: true }, ctx),
    },
    {
      command: 'status [filer...]',
      describe: 'What each receiving filer is transferring now',
      builder: (y) => configDir(y).positional('filer', { type: 'string', array: true }),
      run: async (args, ctx) => {
        const { statusCommand } = await import('./commands/status.js');
        const { renderStatus } = await import('./format.js');
        const status = await statusCommand({
          configDir: String(args['configDir']),
          filers: (args['filer'] as string[] | undefined) ?? [],
          clock: ctx.clock,
          env: ctx.env,
        });
        if (args.json) printJson(ctx.stdout, status);
        else ctx.stdout.write(renderStatus(status));
        return status.every((s) => s.ok) ? 0 : 1;
      },
    },
    {
      command: 'report <summary>',
      describe: 'Write the HTML report (Gantt chart of the night) from a run’s JSON summary',
      builder: (y) =>
        y
          .positional('summary', { type: 'string', describe: 'JSON summary written by run or simulate' })
          .option('html', { type: 'string', demandOption: true, describe: 'Output HTML file' })
          .option('title', { type: 'string', describe: 'Report title' }),
      run: async (args, ctx) => {
        const { reportCommand } = await import('./commands/report.js');
        const summary = reportCommand({
          summaryFile: String(args['summary']),
          htmlFile: String(args['html']),
          title: args['title'] as string | undefined,
        });
        if (args.json) printJson(ctx.stdout, { html: args['html'], transfers: summary.transfers.length });
        else ctx.stdout.write(`wrote ${String(args['html'])} (${summary.transfers.length} transfers)\n`);
        return 0;
      },
    },
    {
      command: 'simulate',
      describe: 'Run the real scheduler against an in-process filer simulator on a virtual clock',
      builder: (y) =>
        order(y)
          .option('scenario', {
            type: 'string',
            demandOption: true,
            describe: 'Scenario file (JSON or YAML)',
          })
          .option('html', { type: 'string', describe: 'Also write the HTML report here' }),
      run: async (args, ctx) => {
        const { loadSimulationScenario, simulateNight } = await import('./commands/simulate.js');
        const { renderSimulation } = await import('./format.js');
        const file = String(args['scenario']);
        const result = await simulateNight({
          scenario: loadSimulationScenario(file),
          file,
          order: args['order'] as 'config' | 'size' | undefined,
          log: ctx.log,
        });
        if (args['html']) {
          const { renderHtmlReport } = await import('./report-html.js');
          const { writeFileAtomic } = await import('@opskit/core');
          writeFileAtomic(
            String(args['html']),
            renderHtmlReport(result.summary, `Simulated night (${result.order} order)`),
          );
        }
        if (args.json) {
          const { summary: _s, ...rest } = result;
          printJson(ctx.stdout, rest);
        } else ctx.stdout.write(renderSimulation(result));
        return result.counts.failed > 0 ? 1 : 0;
      },
    },
    {
      command: 'demo',
      describe:
        'A night of about 40 transfers on two simulated filer pairs, with the live view and the HTML report',
      builder: (y) =>
        order(y)
          .option('html', {
            type: 'string',
            default: 'snapmirror-demo.html',
            describe: 'Where to write the HTML report',
          })
          .option('pace', {
            type: 'number',
            describe: 'Real ms per tick (default 25 on a terminal, 0 otherwise)',
          }),
      run: async (args, ctx) => {
        const { runDemo } = await import('./demo.js');
        return runDemo({
          htmlFile: String(args['html']),
          order: (args['order'] as 'config' | 'size' | undefined) ?? 'size',
          paceMs: args['pace'] as number | undefined,
          json: args.json,
          ctx,
        });
      },
    },
    {
      command: 'schema',
      describe: 'Print the JSON Schema of snapmirror-scheduler.yaml',
      run: async (_args, ctx) => {
        const { configSchema } = await import('./schema.js');
        printJson(ctx.stdout, configSchema);
        return 0;
      },
    },
  ],
});
