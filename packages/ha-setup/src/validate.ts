// `validate`: the generated corosync.conf and CIB checked with corosync, crm_verify and the agents'
// metadata, every finding mapped back to the spec line it comes from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Executor, exec } from '@opskit/core';
import { checkAgents, crmVerify } from './cib-check.js';
import { corosyncTest, lintAuthkey, lintCorosyncConf } from './corosync-check.js';
import { type Finding, locate } from './findings.js';
import type { Plan } from './plan.js';
import type { LoadedSpec } from './spec.js';

export interface ValidateOptions {
  /** lint this corosync key file too */
  authkey?: string;
  run?: Executor['run'];
}

export interface ValidationReport {
  cluster: string;
  ok: boolean;
  checks: { name: string; ran: boolean; detail: string }[];
  findings: Finding[];
}

export async function validatePlan(
  plan: Plan,
  loaded: LoadedSpec,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const run = options.run ?? exec;
  const work = mkdtempSync(join(tmpdir(), 'ha-setup-validate-'));
  const checks: ValidationReport['checks'] = [];
  const findings: Finding[] = [];
  try {
    const legacy = plan.spec.stack === 'legacy';
    findings.push(...lintCorosyncConf(plan.corosync, legacy));
    checks.push({
      name: 'corosync-lint',
      ran: true,
      detail: 'keys checked against the corosync 3 allow-list',
    });
    if (legacy) {
      checks.push({
        name: 'corosync -t',
        ran: false,
        detail: 'skipped: corosync 3 cannot read the legacy openais / corosync 1 form',
      });
    } else {
      const local = plan.spec.nodes[0]!.name;
      const r = await corosyncTest(plan.corosync, work, local, run);
      findings.push(...r.findings);
      checks.push({
        name: 'corosync -t',
        ran: true,
        detail: `on a copy with node ${local} renamed to this host and a throw-away key`,
      });
    }
    findings.push(...(await crmVerify(plan.spec, plan.timings, work, run)));
    checks.push({
      name: 'crm_verify',
      ran: true,
      detail: 'crm_verify -V -x on the CIB with <nodes> emptied',
    });
    findings.push(...(await checkAgents(plan.spec, plan.timings, run)));
    checks.push({
      name: 'agent metadata',
      ran: true,
      detail: 'crm_resource --show-metadata: agents present, required and unknown parameters',
    });
    if (options.authkey) {
      findings.push(...lintAuthkey(options.authkey));
      checks.push({ name: 'authkey', ran: true, detail: options.authkey });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const located = findings.map((f) => locate(loaded, f));
  return {
    cluster: plan.cluster,
    ok: !located.some((f) => f.severity === 'error'),
    checks,
    findings: located,
  };
}
