#!/usr/bin/env node
// ontap-sim: NetApp filers (ZAPI 7-Mode, ZAPI clustered, REST) simulated on 127.0.0.1.
import { type CliSpec, packageVersion, printJson, renderTable, runCli } from '@opskit/core';

const spec: CliSpec = {
  name: 'ontap-sim',
  version: packageVersion(import.meta.url),
  description:
    'Simulated NetApp filers answering ZAPI 7-Mode, clustered ZAPI and ONTAP REST, for trying the snapmirror scheduler without a filer.\n' +
    'Shortcut: ontap-sim --scenario FILE [--port N] [--speed X] is "ontap-sim serve".',
  commands: [
    {
      command: 'serve',
      describe: 'Serve the filers of a scenario until interrupted (Ctrl-C)',
      builder: (y) =>
        y
          .option('scenario', {
            alias: 's',
            type: 'string',
            demandOption: true,
            describe: 'Scenario file (JSON or YAML)',
          })
          .option('port', {
            alias: 'p',
            type: 'number',
            describe: 'First port; filers without a port take N, N+1, ... (default: free ports)',
          })
          .option('speed', { type: 'number', default: 1, describe: 'Simulated seconds per real second' })
          .option('tls-cert', { type: 'string', describe: 'Serve HTTPS with this certificate (PEM)' })
          .option('tls-key', { type: 'string', describe: 'Private key of --tls-cert (PEM)' }),
      run: async (args, ctx) => {
        const { serve } = await import('./commands/serve.js');
        const serving = await serve({
          scenario: String(args['scenario']),
          port: args['port'] as number | undefined,
          speed: args['speed'] as number,
          tlsCert: args['tlsCert'] as string | undefined,
          tlsKey: args['tlsKey'] as string | undefined,
          log: ctx.log,
        });
        if (args.json) {
          printJson(ctx.stdout, { start: serving.start, speed: serving.speed, filers: serving.endpoints });
        } else {
          ctx.stdout.write(
            `${renderTable(
              ['filer', 'dialect', 'url', 'user', 'password'],
              serving.endpoints.map((e) => [
                e.name,
                e.dialect,
                e.url,
                e.credentials.username,
                e.credentials.password,
              ]),
            )}\nsimulated time starts ${serving.start}, speed x${serving.speed}; Ctrl-C stops\n`,
          );
        }
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await serving.sim.close();
        return 0;
      },
    },
    {
      command: 'check',
      describe: 'Validate a scenario file (exit 0 valid, 2 with file:line errors)',
      builder: (y) =>
        y.option('scenario', { alias: 's', type: 'string', demandOption: true, describe: 'Scenario file' }),
      run: async (args, ctx) => {
        const { loadScenario } = await import('./scenario.js');
        const scenario = loadScenario(String(args['scenario']));
        const summary = {
          filers: scenario.filers.length,
          relationships: scenario.relationships?.length ?? 0,
          faults: scenario.faults?.length ?? 0,
        };
        if (args.json) printJson(ctx.stdout, { valid: true, ...summary });
        else
          ctx.stdout.write(
            `${String(args['scenario'])}: valid (${summary.filers} filers, ${summary.relationships} relationships, ${summary.faults} faults)\n`,
          );
        return 0;
      },
    },
  ],
};

/** `ontap-sim --scenario F` means `ontap-sim serve --scenario F`. */
function withDefaultCommand(argv: string[]): string[] {
  const first = argv[0];
  const passThrough = ['--help', '-h', '--version', 'completion'];
  if (first?.startsWith('-') && !passThrough.includes(first)) return ['serve', ...argv];
  return argv;
}

process.exitCode = await runCli(spec, withDefaultCommand(process.argv.slice(2)));
