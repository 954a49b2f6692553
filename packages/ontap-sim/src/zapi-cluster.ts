// Clustered ZAPI answers: snapmirror-get-iter with query, desired-attributes, max-records and
// next-tag paging; sizes in bytes; control calls answer result-status "succeeded" (v2 control plane).
import { child, childNumber, childText, type ZapiElement, type ZapiInput } from '@opskit/core';
import type { SimModel } from './model.js';
import type { SimFiler, SimRelationship } from './model-types.js';
import { matchesWildcards } from './query-match.js';
import { type FailureErrnos, runOrFault, ZapiFault } from './zapi-fault.js';

type InfoValue = string | number | boolean | undefined;

export function clusterSnapmirrorInfo(model: SimModel, rel: SimRelationship): Record<string, InfoValue> {
  const t = rel.active;
  const running = t?.state === 'transferring';
  const status = t
    ? t.state === 'queued'
      ? 'queued'
      : rel.quiescing
        ? 'quiescing'
        : 'transferring'
    : rel.state === 'quiesced'
      ? 'quiesced'
      : 'idle';
  const last = rel.last;
  return {
    'source-location': rel.source,
    'destination-location': rel.destination,
    'source-vserver': rel.sourceSystem,
    'source-volume': rel.sourceVolume,
    'destination-vserver': rel.destinationSystem,
    'destination-volume': rel.destinationVolume,
    'mirror-state': rel.state === 'quiesced' ? 'snapmirrored' : rel.state,
    'relationship-status': status,
    'relationship-progress': running ? Math.floor(t.doneBytes) : undefined,
    'snapshot-progress': running ? Math.floor(t.doneBytes) : undefined,
    'progress-last-updated': running ? Math.floor(model.now / 1000) : undefined,
    'transfer-snapshot': running
      ? `snapmirror.${rel.uuid}.${Math.floor((t.startedAt ?? 0) / 1000)}`
      : undefined,
    'current-transfer-type': t ? t.kind : undefined,
    'current-max-transfer-rate': t ? t.throttleKBps : undefined,
    'lag-time': model.lagSeconds(rel),
    'is-healthy': rel.healthy,
    'unhealthy-reason': rel.healthy ? undefined : 'Transfer failed.',
    'last-transfer-size': last?.bytes === undefined ? undefined : Math.round(last.bytes),
    'last-transfer-duration': last ? Math.round(last.durationMs / 1000) : undefined,
    'last-transfer-end-timestamp': last ? Math.floor(last.endTime / 1000) : undefined,
    'last-transfer-type': last?.type,
    'last-transfer-from': last?.from,
    'last-transfer-error': rel.healthy ? undefined : (rel.previous?.error ?? last?.error),
    'max-transfer-rate': rel.throttleKBps,
    'relationship-id': rel.uuid,
    'relationship-type': 'data_protection',
    'relationship-control-plane': 'v2',
    policy: 'DPDefault',
    'policy-type': 'async_mirror',
    'destination-volume-node': `${rel.destinationFiler}-01`,
    vserver: rel.destinationSystem,
  };
}

export function handleCluster(
  model: SimModel,
  filer: SimFiler,
  api: ZapiElement,
  vserver: string | undefined,
): ZapiInput {
  const inScope = (rel: SimRelationship) =>
    rel.destinationFiler === filer.name && (!vserver || rel.destinationSystem === vserver.toLowerCase());
  const destination = () => {
    const location =
      childText(api, 'destination-location') ??
      (childText(api, 'destination-volume')
        ? `${childText(api, 'destination-vserver') ?? vserver ?? ''}:${childText(api, 'destination-volume')}`
        : undefined);
    if (!location) throw new ZapiFault(13006, 'Missing input: destination-location or destination-volume');
    const rel = model.findByDestination(location);
    if (!rel || !inScope(rel))
      throw new ZapiFault(15661, `There are no SnapMirror relationships with destination ${location}`);
    return rel;
  };
  switch (api.name) {
    case 'snapmirror-get-iter': {
      const max = childNumber(api, 'max-records') ?? 20;
      if (max < 1) throw new ZapiFault(13115, 'Invalid value for max-records');
      const tag = childText(api, 'tag');
      let start = 0;
      if (tag) {
        const m = /^snapmirror-get-iter:(\d+)$/.exec(tag);
        if (!m) throw new ZapiFault(13115, 'Invalid value specified for "tag" element');
        start = Number(m[1]);
      }
      const query = child(child(api, 'query'), 'snapmirror-info')?.children ?? [];
      const desired = child(child(api, 'desired-attributes'), 'snapmirror-info')?.children.map((c) => c.name);
      const all = model.relationships
        .filter(inScope)
        .map((r) => clusterSnapmirrorInfo(model, r))
        .filter((info) => query.every((q) => matchesWildcards(info[q.name], q.text)))
        .sort((a, b) => String(a['destination-location']).localeCompare(String(b['destination-location'])));
      const page = all.slice(start, start + max);
      const pick = (info: Record<string, InfoValue>) =>
        desired ? Object.fromEntries(desired.map((k) => [k, info[k]])) : info;
      const next =
        start + page.length < all.length ? `snapmirror-get-iter:${start + page.length}` : undefined;
      return {
        'attributes-list': page.length ? { 'snapmirror-info': page.map(pick) } : undefined,
        'num-records': page.length,
        'next-tag': next,
      };
    }
    case 'snapmirror-update':
    case 'snapmirror-initialize': {
      const rel = destination();
      const rate = Number(childText(api, 'max-transfer-rate') ?? 0);
      run(() =>
        model.requestTransfer(rel, api.name === 'snapmirror-initialize' ? 'initialize' : 'update', rate),
      );
      return { 'result-status': 'succeeded' };
    }
    case 'snapmirror-abort':
      run(() => model.abort(destination()));
      return { 'result-status': 'succeeded' };
    case 'snapmirror-quiesce':
      run(() => model.quiesce(destination()));
      return { 'result-status': 'succeeded' };
    case 'snapmirror-resume':
      run(() => model.resume(destination()));
      return { 'result-status': 'succeeded' };
    case 'system-get-version':
      return { version: filer.version, 'is-clustered': true };
    case 'system-get-ontapi-version':
      return { 'major-version': 1, 'minor-version': filer.dialect === 'rest' ? 170 : 31 };
    default:
      throw new ZapiFault(13005, `Unable to find API: ${api.name}`);
  }
}

/** Clustered errnos for model refusals. */
const CLUSTER_ERRNOS: FailureErrnos = {
  'not-found': 15661,
  'not-initialized': 15000,
  'in-progress': 17137,
  quiesced: 17128,
  'broken-off': 13102,
  'already-initialized': 17122,
  'not-restricted': 13102,
  'no-transfer': 17130,
};

function run(op: () => unknown): void {
  runOrFault(CLUSTER_ERRNOS, op);
}
