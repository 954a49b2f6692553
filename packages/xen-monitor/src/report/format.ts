// Renderings of a cluster report: human (unreachable dom0s and silent domUs first, then errors and
// warnings grouped by dom0), raw (stable, one line per finding) and Nagios.
import { formatNagios } from '@opskit/core';
import { okLine, severitySections } from '../human-sections.js';
import { cleanName, cleanText } from '../record.js';
import type { ClusterReport, Dom0Result } from './cluster.js';

const where = (d: Pick<Dom0Result, 'name' | 'datacenter'>) =>
  d.datacenter ? `${d.datacenter}/${d.name}` : d.name;
const SILENT = /^record$/;

function silentLines(r: ClusterReport) {
  return r.dom0s.flatMap((d) =>
    (d.report?.lines ?? [])
      .filter((l) => SILENT.test(l.check) && l.domain !== 'Domain-0' && l.status !== 'OK')
      .map((l) => ({ d, l })),
  );
}

export function renderClusterHuman(r: ClusterReport): string {
  const bad = r.dom0s.filter((d) => d.state !== 'ok');
  const silent = silentLines(r);
  const out = [
    `xen-cluster-report: ${r.status}, ${r.dom0s.length} dom0(s) in ${r.datacenters.length || 1} datacenter(s), ${bad.length} unreachable or unreadable, ${silent.length} silent domU(s) (${(r.durationMs / 1000).toFixed(1)}s)`,
  ];
  if (r.discovery.length) {
    out.push('', 'DISCOVERY FAILED:');
    for (const p of r.discovery) out.push(`  ${p.datacenter}: ${p.message}`);
  }
  if (bad.length) {
    out.push('', 'UNREACHABLE OR UNREADABLE DOM0S:');
    for (const d of bad) out.push(`  ${where(d)} (${d.target}) ${d.state}: ${d.error ?? ''}`);
  }
  if (silent.length) {
    out.push('', 'SILENT DOMUS (agent stopped or never reported):');
    for (const { d, l } of silent) out.push(`  ${where(d)}: ${l.domain}: ${l.message}`);
  }
  out.push(
    ...severitySections((status) =>
      r.dom0s.map((d) => ({
        heading: where(d),
        lines: (d.report?.lines ?? [])
          .filter((l) => l.status === status && !SILENT.test(l.check))
          .map((l) => `${l.domain} ${l.check}: ${l.message}`),
      })),
    ),
    ...okLine(r.dom0s.filter((d) => d.state === 'ok' && d.status === 'OK').map(where)),
  );
  return `${out.join('\n')}\n`;
}

/**
 * Raw cluster report, for other programs:
 *   # opskit-xen-cluster-raw 1 time=<unix> status=<S> dom0s=<n> unreachable=<k> problems=<p>
 *   <STATUS> <datacenter|-> <dom0> <domain|-> <check> <value|-> <message...>
 * An unreachable or unreadable dom0 is one line with domain "-" and check "snmp"; a failed discovery is
 * one line with dom0 "-" and check "discovery".
 */
export function renderClusterRaw(r: ClusterReport): string {
  const lines: string[] = [];
  for (const p of r.discovery)
    lines.push(`CRITICAL ${cleanName(p.datacenter)} - - discovery - ${cleanText(p.message, 400)}`);
  for (const d of r.dom0s) {
    const dc = d.datacenter ? cleanName(d.datacenter) : '-';
    if (d.state !== 'ok') {
      lines.push(
        `${d.status} ${dc} ${cleanName(d.name)} - snmp - ${d.state}: ${cleanText(d.error ?? '', 400)}`,
      );
      continue;
    }
    for (const l of d.report?.lines ?? [])
      lines.push(
        `${l.status} ${dc} ${cleanName(d.name)} ${l.domain} ${l.check} ${l.value ?? '-'} ${l.message}`,
      );
  }
  const unreachable = r.dom0s.filter((d) => d.state !== 'ok').length;
  const head = `# opskit-xen-cluster-raw 1 time=${Math.floor(r.time / 1000)} status=${r.status} dom0s=${r.dom0s.length} unreachable=${unreachable} problems=${lines.length}`;
  return `${[head, ...lines].join('\n')}\n`;
}

export function renderClusterNagios(r: ClusterReport): { text: string; exitCode: number } {
  const unreachable = r.dom0s.filter((d) => d.state !== 'ok');
  const silent = silentLines(r).length;
  const lines = r.dom0s.flatMap((d) => d.report?.lines ?? []);
  const crit = lines.filter((l) => l.status === 'CRITICAL').length;
  const warn = lines.filter((l) => l.status === 'WARNING').length;
  const domUs = r.dom0s.reduce((n, d) => n + (d.report?.domains ?? 0), 0);
  const parts = [
    ...(r.discovery.length ? [`discovery failed in ${r.discovery.map((p) => p.datacenter).join(',')}`] : []),
    ...(unreachable.length
      ? [`${unreachable.length} dom0 unreachable (${unreachable.slice(0, 3).map(where).join(', ')})`]
      : []),
    ...(silent ? [`${silent} silent domU(s)`] : []),
    `${crit} critical, ${warn} warning in ${r.dom0s.length} dom0(s) / ${domUs} domU(s)`,
  ];
  return formatNagios({
    service: 'XEN-CLUSTER',
    status: r.status,
    summary: parts.join(', '),
    perfdata: [
      { label: 'dom0s', value: r.dom0s.length, min: 0 },
      { label: 'unreachable', value: unreachable.length, min: 0 },
      { label: 'domus', value: domUs, min: 0 },
      { label: 'silent', value: silent, min: 0 },
      { label: 'critical', value: crit, min: 0 },
      { label: 'warning', value: warn, min: 0 },
      { label: 'duration', value: r.durationMs / 1000, uom: 's', min: 0 },
    ],
    details: [
      ...unreachable.map((d) => `${d.status} ${where(d)} ${d.state}: ${d.error ?? ''}`),
      ...r.dom0s.flatMap((d) =>
        (d.report?.lines ?? [])
          .filter((l) => l.status !== 'OK')
          .map((l) => `${l.status} ${where(d)} ${l.domain} ${l.check}: ${l.message}`),
      ),
    ],
  });
}
