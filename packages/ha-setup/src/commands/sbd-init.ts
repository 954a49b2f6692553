// sbd-init [device..] [--spec FILE | --node N ...] [--watchdog-timeout S] [--msgwait S] [--force]
// Without devices, the spec's sbd.devices are initialised.
import { type CommandArgs, type CommandContext, printJson, renderTable, UsageError } from '@opskit/core';
import { sbdInit } from '../sbd-init.js';
import { loadClusterSpec } from '../spec.js';

export async function runSbdInit(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const specFile = args['spec'] as string | undefined;
  const spec = specFile ? loadClusterSpec(specFile).spec : undefined;
  const given = (args['device'] as string[] | undefined) ?? [];
  const devices = given.length ? given : (spec?.sbd?.devices ?? []);
  if (!devices.length)
    throw new UsageError(
      specFile
        ? `sbd-init needs a device: ${specFile} has no sbd.devices`
        : 'sbd-init needs a device (or --spec FILE, whose sbd.devices are used)',
      {
        hint: 'ha-setup sbd-init /dev/disk/by-id/... --spec cluster.yaml, or ha-setup sbd-init --spec cluster.yaml',
      },
    );
  const nodes = (args['node'] as string[] | undefined) ?? spec?.nodes.map((n) => n.name) ?? [];
  if (!nodes.length)
    throw new UsageError('sbd-init needs node names', {
      hint: 'give --spec FILE or --node NAME (repeatable)',
    });
  const watchdogTimeout = (args['watchdogTimeout'] as number | undefined) ?? spec?.sbd?.watchdogTimeout ?? 5;
  const msgwait = (args['msgwait'] as number | undefined) ?? spec?.sbd?.msgwait ?? 2 * watchdogTimeout;
  for (const [name, v] of [
    ['--watchdog-timeout', watchdogTimeout],
    ['--msgwait', msgwait],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw new UsageError(`${name} expects a whole number of seconds, got ${v}`);
  const report = await sbdInit({ devices, nodes, watchdogTimeout, msgwait, force: Boolean(args['force']) });
  if (args.json) printJson(ctx.stdout, report);
  else {
    for (const d of report.devices) {
      ctx.stdout.write(
        `${d.device}: header uuid ${d.header.uuid}, ${d.header.slots} slots, watchdog ${d.header.watchdog}s, msgwait ${d.header.msgwait}s\n`,
      );
      ctx.stdout.write(
        renderTable(
          ['slot', 'node', 'message'],
          d.slots.map((s) => [s.slot, s.node, s.message]),
        ),
      );
    }
    ctx.stdout.write(
      report.ok
        ? 'sbd initialised and verified (sbd dump, sbd list)\n'
        : 'sbd initialised but verification FAILED\n',
    );
  }
  return report.ok ? 0 : 1;
}
