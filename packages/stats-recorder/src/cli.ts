#!/usr/bin/env node
// stats-recorder: sar-like recording of host and Xen guest statistics into SQLite.
import {
  type CommandArgs,
  type CommandContext,
  type CommandSpec,
  main,
  packageVersion,
  parseDuration,
  printJson,
  UsageError,
} from '@opskit/core';

type Argv = Parameters<NonNullable<CommandSpec['builder']>>[0];

const DEFAULT_DB = '/var/lib/opskit/stats-recorder.db';

const dbOption = (y: Argv) =>
  y.option('db', {
    type: 'string',
    describe: `Database file (env OPSKIT_STATS_DB, default ${DEFAULT_DB})`,
  });

function dbPath(args: CommandArgs, ctx: CommandContext): string {
  return (args['db'] as string | undefined) ?? ctx.env['OPSKIT_STATS_DB'] ?? DEFAULT_DB;
}

const str = (v: unknown) => (v === undefined ? undefined : String(v));

await main({
  name: 'stats-recorder',
  version: packageVersion(import.meta.url),
  description:
    'sar-like sampling of host and Xen guest statistics into one SQLite file, with reports, exports and charts.',
  commands: [
    {
      command: 'record',
      describe: 'Record one sample of host and guest statistics (run from cron or a timer every 10 minutes)',
      builder: (y) =>
        dbOption(y)
          .option('guests', {
            choices: ['auto', 'xentop', 'xl', 'none'] as const,
            default: 'auto' as const,
            describe: 'Where guest figures come from (auto: xentop, else xl, on a Xen dom0 only)',
          })
          .option('xentop-file', {
            type: 'string',
            describe: 'Read recorded "xentop -b" output instead of running xentop',
          })
          .option('xl-file', {
            type: 'string',
            describe: 'Read recorded "xl list" output instead of running xl',
          })
          .option('interval', {
            type: 'string',
            default: '10m',
            describe:
              'Expected interval: a sample closer than half of it to the previous one is skipped; after a silence of 3 intervals series restart',
          })
          .option('discard-future', {
            type: 'boolean',
            default: false,
            describe:
              'After the clock was set back: delete the samples stamped after now, then record (without it, record fails)',
          })
          .option('force', {
            type: 'boolean',
            default: false,
            describe:
              'Record even when the database records another host (it then records this one); without it, exit 2',
          })
          .option('wait', {
            type: 'string',
            describe:
              'How long to wait while another process holds the database, e.g. prune --vacuum (default half of --interval, at least 10s)',
          }),
      run: async (args, ctx) => {
        const { runRecord } = await import('./commands/record.js');
        const r = await runRecord({
          db: dbPath(args, ctx),
          guests: args['guests'] as 'auto',
          xentopFile: str(args['xentopFile']),
          xlFile: str(args['xlFile']),
          interval: String(args['interval']),
          now: ctx.clock.now(),
          discardFuture: Boolean(args['discardFuture']),
          force: Boolean(args['force']),
          wait: str(args['wait']),
        });
        if (args.json) {
          printJson(ctx.stdout, r);
          return 0;
        }
        if (r.discarded)
          ctx.stdout.write(`discarded ${r.discarded} samples stamped after now (the clock was set back)\n`);
        if (!r.recorded) ctx.stdout.write(`sample skipped: ${r.skipped}\n`);
        else {
          ctx.stdout.write(
            `recorded sample ${new Date(r.ts * 1000).toISOString()}: ${r.ifaces} interfaces, ${r.disks} disks, ` +
              `${r.guests} guests (${r.guestSource})${r.intervalS === null ? ', first sample' : `, ${r.intervalS} s since the previous`}\n`,
          );
          for (const x of r.resets) ctx.stdout.write(`new series for ${x.key}: ${x.reason}\n`);
          for (const w of r.warnings) ctx.log.warn(w);
        }
        return 0;
      },
    },
    {
      command: 'report',
      describe: 'sar-like report for a time range; CSV, JSON or OpenMetrics export; HTML or SVG charts',
      builder: (y) =>
        dbOption(y)
          .option('from', {
            type: 'string',
            describe: 'Start: YYYY-MM-DD, "YYYY-MM-DD HH:MM", ISO 8601 or @epoch',
          })
          .option('to', { type: 'string', describe: 'End (default now)' })
          .option('last', { type: 'string', describe: 'Range ending at --to: 24h, 7d, 30d (default 24h)' })
          .option('guest', { type: 'string', describe: 'Report one guest, sample by sample' })
          .option('top', { type: 'number', describe: 'Top N guests' })
          .option('by', {
            choices: ['cpu', 'net', 'io'] as const,
            default: 'cpu' as const,
            describe: 'Ranking for --top',
          })
          .option('format', {
            choices: ['text', 'csv', 'json', 'openmetrics'] as const,
            default: 'text' as const,
            describe: 'Output format (--json is the same as --format json)',
          })
          .option('csv', { type: 'boolean', describe: 'Same as --format csv' })
          .option('openmetrics', {
            type: 'boolean',
            describe: 'Same as --format openmetrics (with timestamps, for backfilling)',
          })
          .option('section', {
            choices: ['host', 'iface', 'disk', 'guest'] as const,
            describe: 'CSV: which table (default host, or guest with --guest)',
          })
          .option('summary', {
            type: 'boolean',
            default: false,
            describe: 'Text: only the Average/Maximum/95th lines',
          })
          .option('html', {
            type: 'string',
            describe: 'Write a self-contained HTML page of charts to this file',
          })
          .option('svg', { type: 'string', describe: 'Write one SVG chart (see --chart) to this file' })
          .option('chart', {
            choices: ['cpu', 'load', 'mem', 'net', 'disk', 'guest-cpu', 'guest-net', 'guest-io'] as const,
            describe: 'Chart for --svg (default cpu, or guest-cpu with --guest)',
          }),
      run: async (args, ctx) => {
        const { runReport } = await import('./commands/report.js');
        const format = args.json
          ? 'json'
          : args['csv']
            ? 'csv'
            : args['openmetrics']
              ? 'openmetrics'
              : (args['format'] as 'text');
        const out = runReport({
          db: dbPath(args, ctx),
          from: str(args['from']),
          to: str(args['to']),
          last: str(args['last']),
          now: ctx.clock.now(),
          guest: str(args['guest']),
          top: args['top'] as number | undefined,
          by: args['by'] as 'cpu',
          format,
          section: args['section'] as 'host' | undefined,
          summary: Boolean(args['summary']),
          html: str(args['html']),
          svg: str(args['svg']),
          chart: args['chart'] as 'cpu' | undefined,
          write: (chunk) => ctx.stdout.write(chunk),
        });
        for (const f of out.files) ctx.stderr.write(`wrote ${f}\n`);
        return 0;
      },
    },
    {
      command: 'prune',
      describe: 'Delete samples older than --keep; optionally fold older raw samples into hourly rows',
      builder: (y) =>
        dbOption(y)
          .option('keep', {
            type: 'string',
            demandOption: true,
            describe: 'Keep this much history: 90d, 52w',
          })
          .option('downsample-after', {
            type: 'string',
            describe: 'Fold raw samples older than this (e.g. 7d) into hourly rows',
          })
          .option('vacuum', {
            type: 'boolean',
            default: false,
            describe: 'Shrink the file afterwards (needs free space)',
          }),
      run: async (args, ctx) => {
        const { runPrune } = await import('./commands/prune.js');
        const r = runPrune({
          db: dbPath(args, ctx),
          keep: String(args['keep']),
          downsampleAfter: str(args['downsampleAfter']),
          vacuum: Boolean(args['vacuum']),
          now: ctx.clock.now(),
        });
        if (args.json) printJson(ctx.stdout, r);
        else
          ctx.stdout.write(
            `deleted ${r.deletedSamples} samples older than ${new Date(r.cutoff * 1000).toISOString()}` +
              (r.downsampled
                ? `; folded ${r.downsampled.rawSamples} raw samples into ${r.downsampled.hourlyRows} hourly rows`
                : '') +
              (r.vacuumed ? `; file ${r.sizeBefore} -> ${r.sizeAfter} bytes` : '') +
              '\n',
          );
        return 0;
      },
    },
    {
      command: 'import-sar <files...>',
      describe:
        'Import sysstat history: sa data files (through sadf -d) or text already produced by "sadf -d"',
      builder: (y) =>
        dbOption(y)
          .positional('files', {
            type: 'string',
            array: true,
            describe: 'saDD / saYYYYMMDD files, or sadf -d output with --sadf-output',
          })
          .option('sadf-output', {
            type: 'boolean',
            default: false,
            describe: 'The files are "sadf -d" text, not sa data files',
          })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'Import data of another host than the one the database records',
          }),
      run: async (args, ctx) => {
        const { runImportSar } = await import('./commands/import-sar.js');
        const r = await runImportSar({
          db: dbPath(args, ctx),
          files: (args['files'] as string[]).map(String),
          sadfOutput: Boolean(args['sadfOutput']),
          force: Boolean(args['force']),
        });
        if (args.json) printJson(ctx.stdout, r);
        else {
          const iso = (s: number) => new Date(s * 1000).toISOString();
          const span = r.recorderSpan;
          ctx.stdout.write(
            `imported ${r.imported} samples (${r.skipped} already present` +
              (r.overlapping && span
                ? `, ${r.overlapping} skipped inside the recorder's span ${iso(span.from)} to ${iso(span.to)}`
                : '') +
              `), ${r.ifaces} interfaces, ${r.disks} disks` +
              (r.host ? ` from ${r.host}` : '') +
              '\n',
          );
        }
        return 0;
      },
    },
    {
      command: 'check',
      describe:
        'Check the database: integrity, schema version, samples, guests and the age of the last sample',
      builder: (y) =>
        dbOption(y)
          .option('quick', {
            type: 'boolean',
            default: false,
            describe: 'quick_check instead of integrity_check',
          })
          .option('max-age', {
            type: 'string',
            describe:
              'Also fail (exit 1) when the newest sample is older than this, e.g. 30m, or stamped in the future beyond what record tolerates (the clock is wrong)',
          })
          .option('interval', {
            type: 'string',
            default: '10m',
            describe:
              "record's --interval: with --max-age, a newest sample more than this (at least 120s) ahead of the clock fails",
          }),
      run: async (args, ctx) => {
        const { runCheck } = await import('./commands/check.js');
        const { futureToleranceS } = await import('./record/future.js');
        const maxAge = str(args['maxAge']);
        let maxAgeS: number | undefined;
        if (maxAge !== undefined) {
          try {
            maxAgeS = parseDuration(maxAge) / 1000;
          } catch (err) {
            throw new UsageError(`--max-age: ${(err as Error).message}`);
          }
        }
        let intervalMs: number;
        try {
          intervalMs = parseDuration(String(args['interval']));
        } catch (err) {
          throw new UsageError(`--interval: ${(err as Error).message}`);
        }
        const tolerance = futureToleranceS(intervalMs);
        const r = runCheck({
          db: dbPath(args, ctx),
          quick: Boolean(args['quick']),
          now: ctx.clock.now(),
          maxAgeS,
          futureToleranceS: tolerance,
        });
        if (args.json) printJson(ctx.stdout, r);
        else {
          ctx.stdout.write(
            `${r.path}: schema ${r.schemaVersion}, ${r.samples} samples (${r.hourlySamples} hourly), ${r.guests} guests, ` +
              `${r.sizeBytes} bytes\n` +
              `first ${r.first ?? '-'}, last ${r.last ?? '-'}\n` +
              `integrity: ${r.integrity.join('; ')}\n` +
              (r.stale
                ? `STALE: the newest sample is ${r.lastAgeS ?? '-'} s old (--max-age ${maxAge})\n`
                : '') +
              (r.future
                ? `CLOCK: the newest sample (${r.last}) is ${-(r.lastAgeS ?? 0)} s ahead of the clock ` +
                  `(${new Date(ctx.clock.now()).toISOString()}, tolerance ${tolerance} s): the clock is wrong, or was ` +
                  'ahead and has been set back; record will fail (E_CLOCK) until it is fixed or "record --discard-future" runs\n'
                : ''),
          );
        }
        return r.ok ? 0 : 1;
      },
    },
  ],
});
