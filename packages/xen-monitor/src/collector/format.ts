// Human and Nagios renderings of a collector report.
import { formatNagios, type NagiosStatus, type PerfDatum } from '@opskit/core';
import type { CheckResult } from '../checks/types.js';
import { okLine, severitySections } from '../human-sections.js';
import type { CollectorReport } from './run.js';

/** Errors first, then warnings (then unknowns), each grouped by domain; OK domains summarised. */
export function renderHuman(r: CollectorReport): string {
  const out: string[] = [`xen-dom0-collector on ${r.host}: ${r.status}, ${r.domains.length} domU(s)`];
  const groups: { domain: string; checks: CheckResult[] }[] = [
    { domain: `Domain-0 (${r.host})`, checks: r.dom0 },
    ...r.domains.map((d) => ({
      domain: `${d.name}${d.uuid ? ` (${d.uuid})` : ''} id ${d.domid}`,
      checks: d.checks,
    })),
  ];
  out.push(
    ...severitySections((status) =>
      groups.map((g) => ({
        heading: g.domain,
        lines: g.checks.filter((c) => c.status === status).map((c) => `${c.name}: ${c.message}`),
      })),
    ),
    ...okLine(r.domains.filter((d) => d.status === 'OK').map((d) => d.name)),
  );
  for (const w of r.warnings) out.push(`note: ${w}`);
  return `${out.join('\n')}\n`;
}

export function renderNagios(r: CollectorReport): { text: string; exitCode: number } {
  const count = (s: NagiosStatus) => r.domains.filter((d) => d.status === s).length;
  const stale = r.domains.filter((d) => d.record === 'stale').length;
  const missing = r.domains.filter((d) => d.record === 'missing').length;
  const bad = [
    ...r.dom0.filter((c) => c.status !== 'OK').map((c) => `dom0 ${c.name}`),
    ...r.domains.flatMap((d) => d.checks.filter((c) => c.status !== 'OK').map((c) => `${d.name} ${c.name}`)),
  ];
  const summary = bad.length
    ? `${bad.length} problem(s) in ${r.domains.length} domU(s): ${bad.slice(0, 4).join(', ')}${bad.length > 4 ? ', ...' : ''}`
    : `${r.domains.length} domU(s) and dom0 OK`;
  const perf: PerfDatum[] = [
    { label: 'domains', value: r.domains.length, min: 0 },
    { label: 'critical', value: count('CRITICAL'), min: 0 },
    { label: 'warning', value: count('WARNING'), min: 0 },
    { label: 'stale', value: stale, min: 0 },
    { label: 'missing', value: missing, min: 0 },
    ...r.dom0
      .filter(
        (c) =>
          c.value !== undefined && (c.name === 'memory' || c.name === 'load' || c.name.startsWith('disk:')),
      )
      .map((c) => ({
        label: `dom0_${c.name}`,
        value: c.value!,
        uom: c.unit === '%' ? ('%' as const) : ('' as const),
      })),
  ];
  const details = r.domains.flatMap((d) =>
    d.checks.filter((c) => c.status !== 'OK').map((c) => `${c.status} ${d.name} ${c.name}: ${c.message}`),
  );
  return formatNagios({ service: 'XEN', status: r.status, summary, perfdata: perf, details });
}
