// The agent's human summary: a Nagios status line, then one line per check.
import { formatNagios, type PerfDatum } from '@opskit/core';
import type { AgentRunResult } from './run.js';

export function renderAgentSummary(r: AgentRunResult): { text: string; exitCode: number } {
  const bad = r.checks.filter((c) => c.status !== 'OK');
  const summary = bad.length
    ? bad
        .map((c) => c.message)
        .slice(0, 3)
        .join('; ')
    : `${r.checks.length} checks OK${r.writtenTo ? `, record written to ${r.writtenTo}` : ''}`;
  const perf: PerfDatum[] = r.checks
    .filter((c) => c.value !== undefined)
    .map((c) => ({ label: c.name, value: c.value!, uom: c.unit === '%' ? '%' : '' }));
  const details = [
    ...r.checks.map((c) => `${c.status.padEnd(8)} ${c.name}: ${c.message}`),
    ...(r.writtenTo && bad.length ? [`record written to ${r.writtenTo}`] : []),
    ...r.warnings.map((w) => `note: ${w}`),
  ];
  return formatNagios({ service: 'XEN-DOMU', status: r.status, summary, perfdata: perf, details });
}
