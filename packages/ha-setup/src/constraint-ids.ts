// The CIB ids ha-setup gives constraints and its own sections, and which spec entry or generated element
// already holds an id (pacemaker refuses a CIB where two elements share one).
import type { ClusterSpec } from './spec.js';

export const FENCE_RESOURCE_ID = 'fence-sbd';
export const CLUSTER_OPTIONS_ID = 'cib-bootstrap-options';
export const RESOURCE_DEFAULTS_ID = 'rsc-options';

export function orderId(o: ClusterSpec['order'][number]): string {
  return o.id ?? `order-${o.first}-then-${o.then}`;
}
export function locationId(l: ClusterSpec['location'][number]): string {
  return l.id ?? `loc-${l.rsc}-${l.node}`;
}
export function colocationId(c: ClusterSpec['colocation'][number]): string {
  return c.id ?? `col-${c.rsc}-with-${c.with}`;
}

/**
 * What ha-setup generates under `id` itself: the fencing resource, the two option sets and their nvpairs,
 * and the attribute sets and operations of each resource. undefined when the id is free of them.
 */
export function generatedIdOwner(id: string, resourceIds: string[]): string | undefined {
  if (id === FENCE_RESOURCE_ID) return 'the generated fencing resource';
  for (const set of [CLUSTER_OPTIONS_ID, RESOURCE_DEFAULTS_ID])
    if (id === set || id.startsWith(`${set}-`)) return `the generated ${set} section`;
  for (const rid of [FENCE_RESOURCE_ID, ...resourceIds]) {
    if (!id.startsWith(`${rid}-`)) continue;
    const rest = id.slice(rid.length);
    if (/^-(instance|meta)_attributes(-|$)/.test(rest)) return `the attributes of resource "${rid}"`;
    if (/^-(monitor|start|stop)-\d/.test(rest)) return `an operation of resource "${rid}"`;
  }
  return undefined;
}
