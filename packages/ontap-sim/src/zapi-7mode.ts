// 7-Mode answers: snapmirror-get-status and the control APIs, sizes in KB, statuses in lower case
// as captured from real filers ("idle", "transferring", "pending").
import { childText, normalizeLocation, type ZapiElement, type ZapiInput } from '@opskit/core';
import type { SimModel } from './model.js';
import type { SimFiler, SimRelationship } from './model-types.js';
import { type FailureErrnos, runOrFault, ZapiFault } from './zapi-fault.js';

const KB = 1024;

export function sevenModeStatusInfo(model: SimModel, rel: SimRelationship): ZapiInput {
  const t = rel.active;
  const status = t
    ? t.state === 'queued'
      ? 'pending'
      : rel.quiescing
        ? 'quiescing'
        : 'transferring'
    : rel.checkpointBytes > 0
      ? 'Idle with restart checkpoint'
      : 'idle';
  const lag = model.lagSeconds(rel);
  const last = rel.last;
  return {
    'source-location': rel.source,
    'destination-location': rel.destination,
    state: rel.state,
    status,
    contents: rel.state === 'broken-off' ? 'Original' : 'Replica',
    'lag-time': lag,
    'mirror-timestamp':
      rel.mirrorTimestamp === undefined ? undefined : Math.floor(rel.mirrorTimestamp / 1000),
    'last-transfer-from': last?.from,
    'last-transfer-size': last ? Math.round(last.bytes / KB) : undefined,
    'last-transfer-duration': last ? Math.round(last.durationMs / 1000) : undefined,
    'last-transfer-type': last ? (last.type === 'initialize' ? 'initialize' : 'scheduled') : undefined,
    'current-transfer-type': t ? (t.kind === 'initialize' ? 'initialize' : 'scheduled') : undefined,
    'current-transfer-error': !rel.healthy ? (rel.previous?.error ?? last?.error) : undefined,
    'transfer-progress': t?.state === 'transferring' ? Math.floor(t.doneBytes / KB) : 0,
    'base-snapshot':
      rel.mirrorTimestamp === undefined
        ? undefined
        : `${rel.destinationSystem}(0536965720)_${rel.destinationVolume}.${Math.floor(rel.mirrorTimestamp / 60000) % 10000}`,
  };
}

/** Handles one 7-Mode API; returns the outputs of a passed <results>, throws ZapiFault for a failed one. */
export function handleSevenMode(
  model: SimModel,
  filer: SimFiler,
  api: ZapiElement,
  vfiler: string | undefined,
): ZapiInput {
  const systems = vfiler ? new Set([vfiler.toLowerCase()]) : filer.systems;
  const destination = () => {
    const text = childText(api, 'destination-location');
    if (!text) throw new ZapiFault(13006, 'Missing input: destination-location');
    const rel = model.findByDestination(text);
    if (!rel || !systems.has(rel.destinationSystem)) {
      throw new ZapiFault(15667, `${text} is not a SnapMirror destination on this filer`);
    }
    return rel;
  };
  switch (api.name) {
    case 'snapmirror-get-status': {
      const location = childText(api, 'location');
      const key = location ? normalizeLocation(location) : undefined;
      const rels = model.relationships.filter((r) => {
        if (!systems.has(r.destinationSystem) && !systems.has(r.sourceSystem)) return false;
        if (location === undefined) return true;
        return r.destinationKey === key || r.sourceKey === key;
      });
      return {
        'is-available': filer.snapmirrorOn,
        'snapmirror-status': rels.length
          ? { 'snapmirror-status-info': rels.map((r) => sevenModeStatusInfo(model, r)) }
          : undefined,
      };
    }
    case 'snapmirror-update':
    case 'snapmirror-initialize': {
      const rel = destination();
      if (!filer.snapmirrorOn) throw new ZapiFault(13100, 'SnapMirror is currently off');
      const rate = Number(childText(api, 'max-transfer-rate') ?? 0);
      run(() =>
        model.requestTransfer(rel, api.name === 'snapmirror-initialize' ? 'initialize' : 'update', rate),
      );
      return {};
    }
    case 'snapmirror-abort': {
      const rel = destination();
      run(() => model.abort(rel));
      return {};
    }
    case 'snapmirror-quiesce':
      run(() => model.quiesce(destination()));
      return {};
    case 'snapmirror-resume':
      run(() => model.resume(destination()));
      return {};
    case 'snapmirror-throttle': {
      const rel = destination();
      run(() => model.throttle(rel, Number(childText(api, 'max-transfer-rate') ?? 0)));
      return {};
    }
    case 'snapmirror-on':
    case 'snapmirror-off':
      filer.snapmirrorOn = api.name === 'snapmirror-on';
      return {};
    case 'system-get-version':
      return { version: filer.version, 'is-clustered': false };
    case 'system-get-ontapi-version':
      return { 'major-version': 1, 'minor-version': 17 };
    case 'system-available-replication-transfers': {
      const used = filer.running;
      const row = (type: string) => ({
        'replication-type': type,
        'replication-available-transfers': Math.max(0, filer.maxConcurrent - used),
        'replication-maximum-transfers': filer.maxConcurrent,
      });
      return {
        'replication-transfer-table': {
          'replication-transfer-info': [
            row('volume_snapmirror_source'),
            row('volume_snapmirror_destination'),
          ],
        },
      };
    }
    default:
      throw new ZapiFault(13005, `Unable to find API: ${api.name}`);
  }
}

/** 7-Mode errnos for model refusals (UNVERIFIED choices are documented in docs/ontap-sim.md). */
const SEVEN_MODE_ERRNOS: FailureErrnos = {
  'not-found': 15667,
  'not-initialized': 15000,
  'in-progress': 15685,
  quiesced: 17128,
  'broken-off': 13102,
  'already-initialized': 13102,
  'not-restricted': 15903,
  'no-transfer': 17130,
};

function run(op: () => unknown): void {
  runOrFault(SEVEN_MODE_ERRNOS, op);
}
