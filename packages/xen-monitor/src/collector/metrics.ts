// OpenMetrics / Prometheus textfile rendering of a collector report.
import { type MetricFamily, NagiosCode, renderMetrics } from '@opskit/core';
import type { CollectorReport } from './run.js';

export function collectorFamilies(r: CollectorReport): MetricFamily[] {
  const dl = (d: { name: string; uuid?: string | undefined }) => ({ domain: d.name, uuid: d.uuid ?? '' });
  const checks = [
    ...r.dom0.map((c) => ({ labels: { domain: 'Domain-0', uuid: '' }, c })),
    ...r.domains.flatMap((d) => d.checks.map((c) => ({ labels: dl(d), c }))),
  ];
  return [
    {
      name: 'xen_monitor_domains',
      help: 'domUs seen by the collector',
      type: 'gauge',
      samples: [{ value: r.domains.length }],
    },
    {
      name: 'xen_monitor_domain_status',
      help: 'worst Nagios status of a domU (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)',
      type: 'gauge',
      samples: r.domains.map((d) => ({ labels: dl(d), value: NagiosCode[d.status] })),
    },
    {
      name: 'xen_monitor_record_age_seconds',
      help: 'seconds since dom0 last saw the domU record change',
      type: 'gauge',
      unit: 'seconds',
      samples: r.domains
        .filter((d) => d.ageSeconds !== undefined)
        .map((d) => ({ labels: dl(d), value: d.ageSeconds! })),
    },
    {
      name: 'xen_monitor_record_present',
      help: '1 when the domU has a readable, well-formed record',
      type: 'gauge',
      samples: r.domains.map((d) => ({
        labels: dl(d),
        value: d.record === 'missing' || d.record === 'malformed' ? 0 : 1,
      })),
    },
    {
      name: 'xen_monitor_check_status',
      help: 'Nagios status of one check (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)',
      type: 'gauge',
      samples: checks.map(({ labels, c }) => ({
        labels: { ...labels, check: c.name },
        value: NagiosCode[c.status],
      })),
    },
    {
      name: 'xen_monitor_check_value',
      help: 'measured value of one check, in the unit label',
      type: 'gauge',
      samples: checks
        .filter(({ c }) => c.value !== undefined)
        .map(({ labels, c }) => ({
          labels: { ...labels, check: c.name, unit: c.unit ?? '' },
          value: c.value!,
        })),
    },
    {
      name: 'xen_monitor_last_run_seconds',
      help: 'dom0 time of the collector run, seconds since the epoch',
      type: 'gauge',
      samples: [{ value: Math.floor(r.time / 1000) }],
    },
  ];
}

export function renderCollectorMetrics(r: CollectorReport, openMetrics = false): string {
  return renderMetrics(collectorFamilies(r), { openMetrics });
}
