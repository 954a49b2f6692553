// Offline checks of the CIB with pacemaker's own tools: crm_verify on a copy whose <nodes> is emptied
// (listed nodes without status give false "unclean" warnings), and the agents' metadata for what
// crm_verify does not check (agent present, required parameters, unknown parameters).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Executor, exec } from '@opskit/core';
import { renderCib } from './cib.js';
import type { Finding } from './findings.js';
import { clusterProperties } from './properties.js';
import { colocationId, locationId, orderId, type PrimitiveDef, primitives } from './resources.js';
import type { ClusterSpec } from './spec.js';
import type { Timings } from './timings.js';
import { attributes } from './xml.js';

/** Known CIB ids and names, each with the spec field behind it, most specific first. */
function idIndex(
  spec: ClusterSpec,
  t: Timings,
): { id: string; pointer: string; meta?: PrimitiveDef['meta'] }[] {
  const out: { id: string; pointer: string; meta?: PrimitiveDef['meta'] }[] = [];
  spec.location.forEach((l, i) => {
    out.push({ id: locationId(l), pointer: `/location/${i}` });
  });
  spec.colocation.forEach((c, i) => {
    out.push({ id: colocationId(c), pointer: `/colocation/${i}` });
  });
  spec.order.forEach((o, i) => {
    out.push({ id: orderId(o), pointer: `/order/${i}` });
  });
  for (const p of primitives(spec, t)) out.push({ id: p.id, pointer: p.source ?? '', meta: p.meta });
  for (const s of clusterProperties(spec, t)) if (s.source) out.push({ id: s.name, pointer: s.source });
  return out.sort((a, b) => b.id.length - a.id.length);
}

export function mapToSpec(message: string, spec: ClusterSpec, t: Timings): string | undefined {
  for (const entry of idIndex(spec, t)) {
    const re = new RegExp(`(^|[^\\w.-])${entry.id.replace(/[.]/g, '\\.')}($|[^\\w-])`);
    if (!re.test(message)) continue;
    const meta = entry.meta?.find((m) => message.includes(`'${m.name}'`) || message.includes(` ${m.name} `));
    return meta?.source ?? entry.pointer;
  }
  // no id named: a quoted or bare parameter / meta value (e.g. "Unknown role: Sometimes")
  for (const p of primitives(spec, t))
    for (const a of [...p.meta, ...p.params]) {
      if (a.value.length < 3) continue;
      const re = new RegExp(`(^|[\\s'"=:])${a.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s'",.;])`);
      if (re.test(message)) return a.source ?? p.source;
    }
  return undefined;
}

export async function crmVerify(
  spec: ClusterSpec,
  t: Timings,
  workDir: string,
  run: Executor['run'] = exec,
): Promise<Finding[]> {
  const file = join(workDir, 'cib-verify.xml');
  writeFileSync(file, renderCib(spec, t, { emptyNodes: true }));
  const r = await run('crm_verify', ['-V', '-x', file], { reject: false, timeoutMs: 120_000 });
  const findings: Finding[] = [];
  for (const raw of r.stderr.split('\n')) {
    const m = /\b(error|warning):\s*(.*)$/.exec(raw.replace(/^\([^)]*\)\s*/, '').trim());
    if (!m || /^(Errors|Warnings) found during check/.test(m[2]!) || raw.startsWith('crm_verify:')) continue;
    findings.push({
      check: 'crm_verify',
      severity: m[1] as 'error' | 'warning',
      message: m[2]!,
      pointer: mapToSpec(m[2]!, spec, t),
    });
  }
  // crm_verify exits 78 for warnings too; a config it rejects without a parsed line is still an error
  if (r.exitCode !== 0 && !findings.some((f) => f.severity === 'error')) {
    const tail = r.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
    const onlyWarnings = /Warnings found during check/.test(r.stderr);
    findings.push({
      check: 'crm_verify',
      severity: onlyWarnings ? 'warning' : 'error',
      message: `crm_verify exited with ${r.exitCode}: ${tail}`,
    });
  }
  return findings;
}

export function parseAgentParameters(metadata: string): { name: string; required: boolean }[] {
  return [...metadata.matchAll(/<parameter\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { name: a['name'] ?? '', required: a['required'] === '1' || a['required'] === 'true' };
  });
}

/** Checks each agent against its metadata on this host; an agent not installed here is a warning. */
export async function checkAgents(
  spec: ClusterSpec,
  t: Timings,
  run: Executor['run'] = exec,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const p of primitives(spec, t)) {
    if (p.cls === 'systemd') continue; // systemd agents need a running systemd and the unit on this host
    const agent = p.provider ? `${p.cls}:${p.provider}:${p.type}` : `${p.cls}:${p.type}`;
    const r = await run('crm_resource', ['--show-metadata', agent], { reject: false, timeoutMs: 60_000 });
    if (r.exitCode !== 0) {
      findings.push({
        check: 'agent',
        severity: 'warning',
        message: `${p.id}: agent ${agent} is not installed on this host; its parameters were not checked (install resource-agents / fence-agents on the nodes)`,
        pointer: p.source,
      });
      continue;
    }
    const params = parseAgentParameters(r.stdout);
    const names = new Set(params.map((x) => x.name));
    for (const req of params.filter((x) => x.required))
      if (!p.params.some((x) => x.name === req.name))
        findings.push({
          check: 'agent',
          severity: 'error',
          message: `${p.id}: ${agent} requires parameter "${req.name}"`,
          pointer: p.source,
        });
    for (const given of p.params)
      if (!names.has(given.name) && !given.name.startsWith('pcmk_'))
        findings.push({
          check: 'agent',
          severity: 'error',
          message: `${p.id}: ${agent} has no parameter "${given.name}" (expected one of: ${[...names].join(', ')})`,
          pointer: given.source ?? p.source,
        });
  }
  return findings;
}
