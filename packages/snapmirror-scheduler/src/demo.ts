// `demo`: the README's main command. Two source and two receiving filers in an embedded simulator, a
// night of 40 transfers on an accelerated clock, the live view, then the summary and the HTML report.
import { resolve } from 'node:path';
import { type CommandContext, printJson, writeFileAtomic } from '@opskit/core';
import { simulateNight } from './commands/simulate.js';
import type { OrderPolicy } from './engine.js';
import { renderSimulation } from './format.js';
import { generateNight } from './generate.js';
import { formatEvent, LiveTable } from './live.js';
import { renderHtmlReport } from './report-html.js';
import { renderSummary } from './summary.js';

export async function runDemo(args: {
  htmlFile: string;
  order: OrderPolicy;
  paceMs?: number | undefined;
  json: boolean;
  ctx: CommandContext;
}): Promise<number> {
  const { ctx } = args;
  const tty = Boolean(ctx.stdout.isTTY) && !args.json;
  const scenario = generateNight({
    seed: 2010,
    transfers: 40,
    medianBytes: 24 * 1024 ** 3,
    sigma: 1.0,
    predictionNoise: 0.15,
    rateKBps: 8704,
    linkKBps: 40_960,
    perFiler: { business: 1, offHours: 4 },
    global: { business: 2, offHours: 6 },
    dialects: ['rest', '7mode'],
  });
  // A filer that drops one poll and answers one 503 on the way: the night goes on.
  scenario.simulator.faults = [
    { filer: 'dr1', kind: 'reset', atSeconds: 3600, count: 1 },
    { filer: 'dr2', kind: 'http-error', status: 503, atSeconds: 7200, count: 1 },
  ];
  const live = tty ? new LiveTable(ctx.stdout, 'UTC') : undefined;
  if (!args.json) {
    ctx.stdout.write(
      'opskit demo: 40 SnapMirror transfers from prod1 -> dr1 (ONTAP REST) and prod2 -> dr2 (ZAPI 7-Mode),\n' +
        'at most 4 per filer and 6 in all at night, 8704 KB/s each, over 40 MB/s links; simulated night, accelerated clock.\n\n',
    );
  }
  const result = await simulateNight({
    scenario,
    file: 'demo',
    order: args.order,
    paceMs: args.paceMs ?? (tty ? 25 : 0),
    onTick: live ? (engine, now) => live.render(engine, now) : undefined,
    onEvent: (e) => {
      if (args.json)
        ctx.stdout.write(
          `${JSON.stringify({ event: e.type, ...e, time: new Date(e.time).toISOString() })}\n`,
        );
      else if (!live) ctx.stdout.write(`${formatEvent(e, 'UTC')}\n`);
    },
  });
  const html = resolve(args.htmlFile);
  writeFileAtomic(
    html,
    renderHtmlReport(result.summary, `opskit demo: simulated SnapMirror night (${result.order} order)`),
  );
  if (args.json) {
    const { summary: _s, ...rest } = result;
    printJson(ctx.stdout, { ...rest, html });
  } else {
    ctx.stdout.write(
      `\n${renderSummary(result.summary)}\n${renderSimulation(result).split('\n').slice(-5).join('\n')}\nHTML report (Gantt chart of the night): ${html}\n`,
    );
  }
  return result.counts.failed > 0 ? 1 : 0;
}
