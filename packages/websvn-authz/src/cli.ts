#!/usr/bin/env node
// websvn-authz: argument wiring only; each command lazily imports its library function.
import {
  type CommandArgs,
  type CommandContext,
  type CommandSpec,
  main,
  packageVersion,
  UsageError,
} from '@opskit/core';
import type { FilesReport } from './commands/websvn.js';
import type { Site } from './site.js';

const siteOption = {
  type: 'string',
  describe: 'Site file (YAML or JSON); also OPSKIT_WEBSVN_AUTHZ_SITE',
} as const;

async function site(args: CommandArgs, ctx: CommandContext) {
  const file = (args['site'] as string | undefined) ?? args.config ?? ctx.env['OPSKIT_WEBSVN_AUTHZ_SITE'];
  if (!file) throw new UsageError('no site file: give --site FILE', { hint: 'see websvn-authz --help' });
  const { loadSite } = await import('./site.js');
  return loadSite(file);
}

/** A command that writes files from the site file alone and reports each file's status. */
function filesCommand(
  command: string,
  describe: string,
  load: () => Promise<(options: { site: Site; dryRun: boolean }) => Promise<FilesReport>>,
): CommandSpec {
  return {
    command,
    describe,
    builder: (y) => y.option('site', siteOption),
    run: async (args, ctx) => {
      const write = await load();
      const { printFiles } = await import('./print.js');
      const report = await write({ site: await site(args, ctx), dryRun: args.dryRun });
      printFiles(ctx, report, args.json, args.dryRun);
      return 0;
    },
  };
}

await main({
  name: 'websvn-authz',
  version: packageVersion(import.meta.url),
  description:
    'Subversion authz files, the WebSVN config.php fragment and the Apache configuration, generated from LDAP groups and one site file. Fails closed: on any doubt the live files stay as they are.',
  dryRun: true,
  configDescription: 'Site file (same as --site)',
  epilog: 'Exit codes: 0 ok, 1 failure (LDAP, guard, svnauthz rejected a file), 2 usage or site file error.',
  commands: [
    {
      command: 'sync',
      describe: 'Read LDAP groups and write the authz file of every parent path (validated by svnauthz)',
      builder: (y) =>
        y
          .option('site', siteOption)
          .example('$0 sync --site /etc/websvn-authz/site.yaml --dry-run', 'show the diff only'),
      run: async (args, ctx) => {
        const { sync } = await import('./commands/sync.js');
        const { printSync } = await import('./print.js');
        const report = await sync({
          site: await site(args, ctx),
          dryRun: args.dryRun,
          env: ctx.env,
          log: ctx.log,
        });
        printSync(ctx, report, args.json, args.dryRun);
        return 0;
      },
    },
    filesCommand(
      'websvn',
      "Write WebSVN's config.php fragment: one group per parent path, an access file per repository",
      async () => (await import('./commands/websvn.js')).websvn,
    ),
    {
      command: 'apache',
      describe: 'Write the httpd configuration: DAV svn per parent path, LDAP authentication, authz files',
      builder: (y) =>
        y.option('site', siteOption).option('check', {
          type: 'boolean',
          default: true,
          describe:
            'Check the file with apache2 -t before installing it (fails when apache2 is missing); --no-check installs it unchecked',
        }),
      run: async (args, ctx) => {
        const { apache } = await import('./commands/apache.js');
        const { printFiles } = await import('./print.js');
        const report = await apache({
          site: await site(args, ctx),
          dryRun: args.dryRun,
          check: args['check'] as boolean,
        });
        printFiles(ctx, report, args.json, args.dryRun);
        return 0;
      },
    },
    {
      command: 'check',
      describe: 'Check the site file only (schema, rule entries, paths, names); no LDAP, nothing written',
      builder: (y) => y.option('site', siteOption),
      run: async (args, ctx) => {
        const loaded = await site(args, ctx);
        ctx.stdout.write(
          `${loaded.file}: ok (${loaded.parents.length} parent paths, ${loaded.parents.reduce((n, p) => n + p.rules.length, 0)} rules)\n`,
        );
        return 0;
      },
    },
    {
      command: 'schema',
      describe: 'Print the JSON Schema of the site file',
      run: async (_args, ctx) => {
        const { siteSchema } = await import('./schema.js');
        ctx.stdout.write(`${JSON.stringify(siteSchema, null, 2)}\n`);
        return 0;
      },
    },
    {
      command: 'audit',
      describe: 'Who can read and who can write each repository (cross-checked with svnauthz accessof)',
      builder: (y) =>
        y
          .option('site', siteOption)
          .option('path', { type: 'string', default: '/', describe: 'Path inside the repositories' })
          .option('parent', { type: 'string', describe: 'Only this parent path (its name)' })
          .option('repository', { type: 'string', describe: 'Only this repository' })
          .option('csv', {
            type: 'boolean',
            default: false,
            describe: 'CSV: parent,repository,path,user,access',
          })
          .option('cross-check', { type: 'boolean', default: true, describe: 'Ask svnauthz accessof too' })
          .option('cross-check-max', {
            type: 'number',
            default: 2000,
            describe: 'Ask svnauthz at most this many answers, spread evenly (0: all)',
          }),
      run: async (args, ctx) => {
        const { audit } = await import('./commands/audit.js');
        const { printAudit } = await import('./print.js');
        const report = await audit({
          site: await site(args, ctx),
          path: args['path'] as string,
          parent: args['parent'] as string | undefined,
          repository: args['repository'] as string | undefined,
          crossCheck: args['crossCheck'] as boolean,
          crossCheckMax: args['crossCheckMax'] as number,
        });
        printAudit(ctx, report, { json: args.json, csv: args['csv'] as boolean });
        return report.mismatches.length ? 1 : 0;
      },
    },
  ],
});
