// Derived timings and quorum choices, computed once so every artifact (corosync.conf, sbd config, CIB)
// agrees. Formulas from sbd(8), crmsh's sbd.py and votequorum(5); see docs/ha-setup.md.
import type { ClusterSpec } from './spec.js';

export interface Timings {
  /** totem token and consensus in ms (consensus default 1.2 x token). */
  tokenMs: number;
  consensusMs: number;
  twoNode: boolean;
  waitForAll: boolean;
  /** sbd on-disk timeouts in seconds (present with sbd). */
  watchdogTimeout?: number;
  msgwait?: number;
  /** pcmk_delay_max in seconds (30 on two nodes, 0 otherwise, unless given). */
  delayMax: number;
  /** priority-fencing-delay in seconds (2 x delayMax on two nodes). */
  priorityFencingDelay: number;
  /** stonith-timeout in seconds. */
  stonithTimeout: number;
  /** SBD_DELAY_START value: "no" or seconds. */
  sbdDelayStart?: 'no' | number;
}

export function computeTimings(spec: ClusterSpec): Timings {
  const nodes = spec.nodes.length;
  const tokenMs = spec.totem.token;
  const consensusMs = spec.totem.consensus ?? Math.round(1.2 * tokenMs);
  const twoNode = spec.twoNode === 'auto' ? nodes === 2 : spec.twoNode;
  const waitForAll = spec.waitForAll ?? twoNode;
  const delayMax = spec.fencing.delayMax ?? (nodes === 2 && spec.sbd ? 30 : 0);
  const priorityFencingDelay = nodes === 2 && delayMax > 0 ? 2 * delayMax : 0;
  const t: Timings = {
    tokenMs,
    consensusMs,
    twoNode,
    waitForAll,
    delayMax,
    priorityFencingDelay,
    stonithTimeout: 60,
  };
  if (spec.sbd) {
    const watchdogTimeout = spec.sbd.watchdogTimeout;
    const msgwait = spec.sbd.msgwait ?? 2 * watchdogTimeout;
    t.watchdogTimeout = watchdogTimeout;
    t.msgwait = msgwait;
    // crmsh: max(1.2 x msgwait, 60) + token + consensus; sbd(8): at least 2 x msgwait
    const crmsh = Math.ceil(Math.max(1.2 * msgwait, 60) + (tokenMs + consensusMs) / 1000);
    t.stonithTimeout = spec.fencing.timeout ?? Math.max(crmsh, 2 * msgwait);
    const d = spec.sbd.delayStart;
    t.sbdDelayStart =
      d === 'no' ? 'no' : d === 'auto' ? Math.ceil((tokenMs + consensusMs) / 1000 + delayMax + msgwait) : d;
  }
  return t;
}
