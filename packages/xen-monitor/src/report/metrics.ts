// OpenMetrics / Prometheus exposition of a cluster report, and a small scrape endpoint.
import { createServer, type Server } from 'node:http';
import { type MetricFamily, NagiosCode, renderMetrics } from '@opskit/core';
import type { ClusterReport } from './cluster.js';

export function clusterFamilies(r: ClusterReport): MetricFamily[] {
  const l = (d: { name: string; datacenter?: string | undefined }) => ({
    dom0: d.name,
    datacenter: d.datacenter ?? '',
  });
  return [
    {
      name: 'xen_cluster_dom0_up',
      help: '1 when the dom0 answered over SNMP with a readable report',
      type: 'gauge',
      samples: r.dom0s.map((d) => ({ labels: l(d), value: d.state === 'ok' ? 1 : 0 })),
    },
    {
      name: 'xen_cluster_dom0_status',
      help: 'worst Nagios status reported by the dom0 (0 OK .. 3 UNKNOWN)',
      type: 'gauge',
      samples: r.dom0s.map((d) => ({ labels: l(d), value: NagiosCode[d.status] })),
    },
    {
      name: 'xen_cluster_dom0_domus',
      help: 'domUs the dom0 collector saw',
      type: 'gauge',
      samples: r.dom0s.filter((d) => d.report).map((d) => ({ labels: l(d), value: d.report!.domains })),
    },
    {
      name: 'xen_cluster_poll_seconds',
      help: 'time to read the dom0 over SNMP',
      type: 'gauge',
      unit: 'seconds',
      samples: r.dom0s.map((d) => ({ labels: l(d), value: d.durationMs / 1000 })),
    },
    {
      name: 'xen_cluster_problem',
      help: 'one non-OK finding (value: 1 WARNING, 2 CRITICAL, 3 UNKNOWN)',
      type: 'gauge',
      samples: r.dom0s.flatMap((d) =>
        (d.report?.lines ?? [])
          .filter((x) => x.status !== 'OK')
          .map((x) => ({
            labels: { ...l(d), domain: x.domain, check: x.check },
            value: NagiosCode[x.status],
          })),
      ),
    },
    {
      name: 'xen_cluster_discovery_failed',
      help: 'datacenters whose principal dom0s did not answer the cluster listing',
      type: 'gauge',
      samples: [{ value: r.discovery.length }],
    },
    {
      name: 'xen_cluster_report_duration_seconds',
      help: 'wall time of the whole cluster poll',
      type: 'gauge',
      unit: 'seconds',
      samples: [{ value: r.durationMs / 1000 }],
    },
  ];
}

export function renderClusterMetrics(r: ClusterReport, openMetrics = false): string {
  return renderMetrics(clusterFamilies(r), { openMetrics });
}

/** Serves the metrics on `address:port` (loopback by default); each scrape runs a fresh poll. */
export function serveMetrics(
  port: number,
  address: string,
  poll: () => Promise<ClusterReport>,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end('try /metrics\n');
      return;
    }
    const om = /application\/openmetrics-text/.test(req.headers.accept ?? '');
    poll().then(
      (r) => {
        res.writeHead(200, {
          'content-type': om
            ? 'application/openmetrics-text; version=1.0.0; charset=utf-8'
            : 'text/plain; version=0.0.4; charset=utf-8',
        });
        res.end(renderClusterMetrics(r, om));
      },
      (err: Error) => res.writeHead(500).end(`poll failed: ${err.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve(server));
  });
}
