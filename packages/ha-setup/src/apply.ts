// `apply`: the commands that install a plan's files on a live node and load the CIB. By default they are
// only recorded (core's dry-run executor) and printed; with execute they run, stopping at the first failure.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createExecutor, type Executor, formatCommand, OpskitError } from '@opskit/core';
import type { Plan } from './plan.js';

export interface ApplyOptions {
  /** the folder `plan` wrote */
  outDir: string;
  execute?: boolean;
  /** load the CIB too (on one node only) */
  loadCib?: boolean;
  executor?: Executor;
}

export interface ApplyReport {
  dryRun: boolean;
  commands: string[];
}

/** Refuses a plan folder that is missing files or differs from what the spec generates now. */
export function checkPlanFolder(plan: Plan, outDir: string): void {
  const stale = plan.artifacts.filter((a) => {
    const path = join(outDir, a.path);
    return !existsSync(path) || readFileSync(path, 'utf8') !== a.content;
  });
  if (stale.length)
    throw new OpskitError(
      'E_PLAN_STALE',
      `${outDir} does not hold the current plan (${stale.length} file(s) missing or different, e.g. ${stale[0]!.path})`,
      { hint: `run: ha-setup plan SPEC --out ${outDir}` },
    );
}

/** The copy of the live CIB the sections are staged in (crm_shadow's file name in CIB_shadow_dir). */
export const STAGING_SHADOW = 'ha-setup';

/**
 * Loading the CIB in one step: the live CIB is copied (crm_shadow, keeping its nodes and everything
 * ha-setup does not manage), the plan's sections are replaced in the copy (constraints emptied first, so a
 * renamed resource never meets constraints naming its old id), and the copy's configuration then replaces
 * the live one in a single `cibadmin --replace` (status untouched). A failure before that last command
 * leaves the cluster as it was; crm_verify -L checks the result.
 */
export function cibLoadCommands(planDir: string): [string, string[]][] {
  const outDir = resolve(planDir);
  const section = (name: string) => join(outDir, 'pacemaker', 'sections', `${name}.xml`);
  const staging = join(outDir, 'pacemaker', 'staging');
  const copy = join(staging, `shadow.${STAGING_SHADOW}`);
  const inCopy = (args: string[]): [string, string[]] => ['env', [`CIB_file=${copy}`, 'cibadmin', ...args]];
  return [
    ['install', ['-d', '-m', '0700', staging]],
    ['env', [`CIB_shadow_dir=${staging}`, 'crm_shadow', '--batch', '--force', '--create', STAGING_SHADOW]],
    inCopy(['--replace', '--scope', 'constraints', '--xml-text', '<constraints/>']),
    // resources before constraints (constraints refer to them); rsc_defaults merged (it may not exist yet)
    ...['crm_config', 'resources', 'constraints'].map((scope) =>
      inCopy(['--replace', '--scope', scope, '--xml-file', section(scope)]),
    ),
    inCopy(['--modify', '--scope', 'configuration', '--xml-file', section('rsc_defaults')]),
    ['cibadmin', ['--replace', '--scope', 'configuration', '--xml-file', copy]],
    ['crm_verify', ['-V', '-L']],
  ];
}

export function applyCommands(plan: Plan, planDir: string, loadCib = true): [string, string[]][] {
  const outDir = resolve(planDir);
  const cmds: [string, string[]][] = [];
  for (const a of plan.artifacts) {
    if (!a.installPath) continue;
    cmds.push([
      'install',
      [
        '-D',
        '-o',
        'root',
        '-g',
        'root',
        '-m',
        (a.mode & 0o777).toString(8).padStart(4, '0'),
        join(outDir, a.path),
        a.installPath,
      ],
    ]);
  }
  cmds.push(['install', ['-d', '-m', '0750', plan.spec.logging.file.replace(/\/[^/]*$/, '') || '/']]);
  cmds.push(['systemctl', ['daemon-reload']]);
  cmds.push(['systemctl', ['try-restart', 'rsyslog.service']]);
  if (plan.spec.sbd) cmds.push(['systemctl', ['enable', 'sbd.service']]);
  cmds.push(['systemctl', ['enable', 'corosync.service', 'pacemaker.service']]);
  cmds.push(['corosync', ['-t']]);
  if (loadCib) cmds.push(...cibLoadCommands(outDir));
  return cmds;
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  checkPlanFolder(plan, options.outDir);
  const executor = options.executor ?? createExecutor({ dryRun: !options.execute });
  for (const [cmd, args] of applyCommands(plan, options.outDir, options.loadCib ?? true))
    await executor.run(cmd, args, { timeoutMs: 120_000 });
  return { dryRun: executor.dryRun, commands: executor.history.map((h) => formatCommand(h.command, h.args)) };
}
