// Cluster options (crm_config) and resource defaults, each with the reason it is set.
import type { ClusterSpec } from './spec.js';
import type { Timings } from './timings.js';

export interface Setting {
  name: string;
  value: string;
  source?: string;
  why: string;
}

export function clusterProperties(spec: ClusterSpec, t: Timings): Setting[] {
  const p = spec.properties;
  const legacyTwo = spec.stack === 'legacy' && spec.nodes.length === 2;
  const nqp = p.noQuorumPolicy ?? (legacyTwo ? 'ignore' : 'stop');
  const fencing = spec.fencing.enabled && Boolean(spec.sbd);
  const out: Setting[] = [
    {
      name: 'cluster-name',
      value: spec.cluster,
      source: '/cluster',
      why: 'names the cluster in crm_mon and logs',
    },
    {
      name: 'stonith-enabled',
      value: String(fencing),
      source: '/fencing/enabled',
      why: fencing
        ? 'fencing on: a node that stops answering is reset through sbd before its resources move'
        : 'fencing OFF: a split brain can run resources twice (only for tests)',
    },
    {
      name: 'no-quorum-policy',
      value: nqp,
      source: '/properties/noQuorumPolicy',
      why:
        nqp === 'ignore' && legacyTwo
          ? 'ignore: the legacy two-node stack has no two_node quorum (as in the 2010 set-up)'
          : nqp === 'stop' && t.twoNode
            ? 'stop (the default): corosync two_node keeps the survivor quorate, so "ignore" is no longer needed'
            : `${nqp}: what a partition without quorum does`,
    },
    {
      name: 'cluster-recheck-interval',
      value: p.recheckInterval,
      source: '/properties/recheckInterval',
      why: 'pacemaker is event-driven; this is only a fail-safe poll (0 would also stop time-based rules and failure-timeout expiry)',
    },
    {
      name: 'pe-input-series-max',
      value: String(p.peInputSeriesMax),
      source: '/properties/peInputSeriesMax',
      why: 'bounds saved scheduler inputs (replaces the 2010 cron job deleting PEngine files)',
    },
    {
      name: 'pe-warn-series-max',
      value: String(p.peWarnSeriesMax),
      source: '/properties/peWarnSeriesMax',
      why: 'bounds saved scheduler inputs that produced warnings',
    },
    {
      name: 'pe-error-series-max',
      value: String(p.peErrorSeriesMax),
      source: '/properties/peErrorSeriesMax',
      why: 'bounds saved erroneous inputs: unlimited (-1) by default, so it must be set',
    },
  ];
  if (fencing) {
    out.push({
      name: 'stonith-timeout',
      value: `${t.stonithTimeout}s`,
      source: '/fencing/timeout',
      why: `fence actions may take up to ${t.stonithTimeout}s (at least 2 x msgwait ${t.msgwait}s; crmsh rule max(1.2 x msgwait, 60) + token + consensus)`,
    });
    if (t.priorityFencingDelay > 0)
      out.push({
        name: 'priority-fencing-delay',
        value: `${t.priorityFencingDelay}s`,
        source: '/fencing/delayMax',
        why: `2 x pcmk_delay_max: in a split, fencing the node whose resources add up to the higher priority waits ${t.priorityFencingDelay}s longer, so it survives; every resource has priority 1 (rsc_defaults, fence-sbd 0), so that is the node running more resources (on a tie only pcmk_delay_max decides)`,
      });
  }
  return out;
}

/** Whether priority-fencing-delay is set, and with it the resource priorities it weighs. */
export function weighsPriorities(spec: ClusterSpec, t: Timings): boolean {
  return spec.fencing.enabled && Boolean(spec.sbd) && t.priorityFencingDelay > 0;
}

export function resourceDefaults(spec: ClusterSpec, t: Timings): Setting[] {
  const out: Setting[] = [
    {
      name: 'resource-stickiness',
      value: String(spec.stickiness),
      source: '/stickiness',
      why: 'resources stay where they run after a failed node returns (rsc_defaults; default-resource-stickiness is rejected by current schemas)',
    },
  ];
  if (weighsPriorities(spec, t))
    out.push({
      name: 'priority',
      value: '1',
      source: '/fencing/delayMax',
      why: 'each resource counts 1 for priority-fencing-delay (set meta priority on a resource to weigh it more), so the node running more resources survives a split',
    });
  if (spec.migrationThreshold !== undefined)
    out.push({
      name: 'migration-threshold',
      value: String(spec.migrationThreshold),
      source: '/migrationThreshold',
      why: 'failures on one node before its resources move away',
    });
  return out;
}
