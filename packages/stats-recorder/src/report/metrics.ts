// What each recorded series means: labels (sar-like), units, and how a stored row becomes a value.
import { EntityKind } from '../db/schema.js';

export type SeriesKind = 'host' | 'iface' | 'disk' | 'guest';

export interface MetricDef {
  key: string;
  /** Column heading, sar style. */
  label: string;
  unit: string;
  /** rate: averaged over time (weighted by interval); gauge: plain mean. */
  type: 'rate' | 'gauge';
  /** OpenMetrics family name (without the stats_recorder_ prefix) and its help text. */
  om: string;
  help: string;
}

export interface SeriesRow {
  ts: number;
  intervalS: number | null;
  values: Record<string, number | null>;
}

const pct = (part: number | null, total: number) => (part === null || !total ? null : (part * 100) / total);
const per = (v: number | null, s: number | null) => (v === null || !s ? null : v / s);

export const HOST_METRICS: MetricDef[] = [
  {
    key: 'user',
    label: '%user',
    unit: '%',
    type: 'rate',
    om: 'host_cpu_user_percent',
    help: 'CPU time in user mode (incl. nice)',
  },
  {
    key: 'system',
    label: '%system',
    unit: '%',
    type: 'rate',
    om: 'host_cpu_system_percent',
    help: 'CPU time in kernel mode (incl. irq, softirq)',
  },
  {
    key: 'iowait',
    label: '%iowait',
    unit: '%',
    type: 'rate',
    om: 'host_cpu_iowait_percent',
    help: 'CPU idle with I/O outstanding',
  },
  {
    key: 'steal',
    label: '%steal',
    unit: '%',
    type: 'rate',
    om: 'host_cpu_steal_percent',
    help: 'CPU time stolen by the hypervisor',
  },
  { key: 'idle', label: '%idle', unit: '%', type: 'rate', om: 'host_cpu_idle_percent', help: 'CPU idle' },
  {
    key: 'load1',
    label: 'ldavg-1',
    unit: '',
    type: 'gauge',
    om: 'host_load1',
    help: 'load average over 1 minute',
  },
  {
    key: 'load5',
    label: 'ldavg-5',
    unit: '',
    type: 'gauge',
    om: 'host_load5',
    help: 'load average over 5 minutes',
  },
  {
    key: 'load15',
    label: 'ldavg-15',
    unit: '',
    type: 'gauge',
    om: 'host_load15',
    help: 'load average over 15 minutes',
  },
  {
    key: 'memused',
    label: '%memused',
    unit: '%',
    type: 'gauge',
    om: 'host_memory_used_percent',
    help: 'memory in use (total - available)',
  },
  {
    key: 'swpused',
    label: '%swpused',
    unit: '%',
    type: 'gauge',
    om: 'host_swap_used_percent',
    help: 'swap in use',
  },
  {
    key: 'pswpin',
    label: 'pswpin/s',
    unit: '/s',
    type: 'rate',
    om: 'host_swap_in_pages_per_second',
    help: 'pages swapped in per second',
  },
  {
    key: 'pswpout',
    label: 'pswpout/s',
    unit: '/s',
    type: 'rate',
    om: 'host_swap_out_pages_per_second',
    help: 'pages swapped out per second',
  },
];

export const IFACE_METRICS: MetricDef[] = [
  {
    key: 'rxkB',
    label: 'rxkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'net_receive_kibibytes_per_second',
    help: 'KiB received per second',
  },
  {
    key: 'txkB',
    label: 'txkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'net_transmit_kibibytes_per_second',
    help: 'KiB sent per second',
  },
  {
    key: 'rxpck',
    label: 'rxpck/s',
    unit: '/s',
    type: 'rate',
    om: 'net_receive_packets_per_second',
    help: 'packets received per second',
  },
  {
    key: 'txpck',
    label: 'txpck/s',
    unit: '/s',
    type: 'rate',
    om: 'net_transmit_packets_per_second',
    help: 'packets sent per second',
  },
];

export const DISK_METRICS: MetricDef[] = [
  {
    key: 'rtps',
    label: 'r/s',
    unit: '/s',
    type: 'rate',
    om: 'disk_reads_per_second',
    help: 'reads completed per second',
  },
  {
    key: 'wtps',
    label: 'w/s',
    unit: '/s',
    type: 'rate',
    om: 'disk_writes_per_second',
    help: 'writes completed per second',
  },
  {
    key: 'rkB',
    label: 'rkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'disk_read_kibibytes_per_second',
    help: 'KiB read per second',
  },
  {
    key: 'wkB',
    label: 'wkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'disk_written_kibibytes_per_second',
    help: 'KiB written per second',
  },
];

export const GUEST_METRICS: MetricDef[] = [
  {
    key: 'cpu',
    label: '%cpu',
    unit: '%',
    type: 'rate',
    om: 'guest_cpu_percent',
    help: 'guest CPU use in % of one physical CPU',
  },
  {
    key: 'mem',
    label: 'memMiB',
    unit: 'MiB',
    type: 'gauge',
    om: 'guest_memory_mebibytes',
    help: 'guest memory',
  },
  {
    key: 'rxkB',
    label: 'rxkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'guest_net_receive_kibibytes_per_second',
    help: 'KiB received by the guest per second',
  },
  {
    key: 'txkB',
    label: 'txkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'guest_net_transmit_kibibytes_per_second',
    help: 'KiB sent by the guest per second',
  },
  {
    key: 'rd',
    label: 'rd/s',
    unit: '/s',
    type: 'rate',
    om: 'guest_block_reads_per_second',
    help: 'block read requests per second',
  },
  {
    key: 'wr',
    label: 'wr/s',
    unit: '/s',
    type: 'rate',
    om: 'guest_block_writes_per_second',
    help: 'block write requests per second',
  },
  {
    key: 'rkB',
    label: 'rkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'guest_block_read_kibibytes_per_second',
    help: 'KiB read per second',
  },
  {
    key: 'wkB',
    label: 'wkB/s',
    unit: 'kB/s',
    type: 'rate',
    om: 'guest_block_written_kibibytes_per_second',
    help: 'KiB written per second',
  },
];

export const METRICS: Record<SeriesKind, MetricDef[]> = {
  host: HOST_METRICS,
  iface: IFACE_METRICS,
  disk: DISK_METRICS,
  guest: GUEST_METRICS,
};

export const ENTITY_KIND: Record<Exclude<SeriesKind, 'host'>, number> = {
  iface: EntityKind.iface,
  disk: EntityKind.disk,
  guest: EntityKind.guest,
};

type Raw = Record<string, number | null>;

/** Converts a stored row (deltas and gauges) into the displayed values. */
export function hostValues(r: Raw, s: number | null): Record<string, number | null> {
  const parts = ['cpu_user', 'cpu_system', 'cpu_iowait', 'cpu_steal', 'cpu_idle'].map((k) => r[k] ?? null);
  const known = parts.every((p) => p !== null);
  const total = known ? (parts as number[]).reduce((a, b) => a + b, 0) : 0;
  const memTotal = r['mem_total'] ?? null;
  const swapTotal = r['swap_total'] ?? null;
  const h = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);
  return {
    user: pct(parts[0] ?? null, total),
    system: pct(parts[1] ?? null, total),
    iowait: pct(parts[2] ?? null, total),
    steal: pct(parts[3] ?? null, total),
    idle: pct(parts[4] ?? null, total),
    load1: h(r['load1']),
    load5: h(r['load5']),
    load15: h(r['load15']),
    memused:
      memTotal && r['mem_avail'] !== null ? ((memTotal - (r['mem_avail'] ?? 0)) * 100) / memTotal : null,
    swpused: swapTotal ? ((swapTotal - (r['swap_free'] ?? 0)) * 100) / swapTotal : swapTotal === 0 ? 0 : null,
    pswpin: per(r['swap_in'] ?? null, s),
    pswpout: per(r['swap_out'] ?? null, s),
  };
}

export function ifaceValues(r: Raw, s: number | null): Record<string, number | null> {
  const kb = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 1024);
  return {
    rxkB: per(kb(r['rx_bytes']), s),
    txkB: per(kb(r['tx_bytes']), s),
    rxpck: per(r['rx_packets'] ?? null, s),
    txpck: per(r['tx_packets'] ?? null, s),
  };
}

export function diskValues(r: Raw, s: number | null): Record<string, number | null> {
  const kb = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 2);
  return {
    rtps: per(r['reads'] ?? null, s),
    wtps: per(r['writes'] ?? null, s),
    rkB: per(kb(r['read_sectors']), s),
    wkB: per(kb(r['write_sectors']), s),
  };
}

export function guestValues(r: Raw, s: number | null): Record<string, number | null> {
  const kb = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 2);
  const cpu = r['cpu_ds'] ?? null;
  return {
    cpu: cpu === null || !s ? null : (cpu * 10) / s,
    mem: r['mem_mib'] ?? null,
    rxkB: per(r['net_rx_kib'] ?? null, s),
    txkB: per(r['net_tx_kib'] ?? null, s),
    rd: per(r['vbd_rd'] ?? null, s),
    wr: per(r['vbd_wr'] ?? null, s),
    rkB: per(kb(r['vbd_rsect']), s),
    wkB: per(kb(r['vbd_wsect']), s),
  };
}
