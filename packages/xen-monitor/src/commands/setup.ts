// xen-dom0-collector setup: give every domU a guest-owned data/ (idempotent; --dry-run shows the plan).
import { type CommandArgs, type CommandContext, createExecutor, printJson, renderTable } from '@opskit/core';
import { listConfiguredDomains } from '../collector/domains.js';
import { setupPermissions } from '../collector/setup.js';
import { openXenStore } from '../xenstore/open.js';
import { collectorConfig } from './collector-config.js';

export async function setup(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = collectorConfig(args, ctx);
  const store = openXenStore(config.xenstore);
  const domains = await listConfiguredDomains(config.domains, createExecutor(), store);
  const actions = await setupPermissions(store, domains, { dryRun: args.dryRun });
  if (args.json) printJson(ctx.stdout, { dryRun: args.dryRun, actions });
  else if (actions.length === 0) ctx.stdout.write('no domUs running: nothing to set up\n');
  else {
    const verb = (a: string) =>
      a === 'ok' ? 'ok' : args.dryRun ? `would ${a}` : a === 'create' ? 'created' : 'changed';
    ctx.stdout.write(
      renderTable(
        ['DOMAIN', 'PATH', 'ACTION', 'FROM', 'TO'],
        actions.map((a) => [a.domain, a.path, verb(a.action), a.from ?? '-', a.to]),
      ),
    );
  }
  return 0;
}

export async function listDomainsCommand(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = collectorConfig(args, ctx);
  const domains = await listConfiguredDomains(
    config.domains,
    createExecutor(),
    openXenStore(config.xenstore),
  );
  if (args.json) printJson(ctx.stdout, domains);
  else
    ctx.stdout.write(
      renderTable(
        ['NAME', 'ID', 'UUID', 'STATE'],
        domains.map((d) => [d.name, d.domid, d.uuid ?? '-', d.state ?? '-']),
      ),
    );
  return 0;
}
