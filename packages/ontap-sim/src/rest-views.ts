// REST records: a relationship or transfer as ONTAP 9 returns it (bytes, ISO-8601 durations and times).
import { formatIsoDuration } from '@opskit/core';
import type { SimModel } from './model.js';
import type { SimRelationship, SimTransfer } from './model-types.js';

export type Json = Record<string, unknown>;

export function restTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

const REST_STATE = {
  snapmirrored: 'snapmirrored',
  uninitialized: 'uninitialized',
  'broken-off': 'broken_off',
  quiesced: 'paused',
};

/**
 * A transfer record. `withUuid`: the transfer endpoints always name it; the relationship's `transfer`
 * object drops the uuid once the transfer has ended (sheet 5.3).
 */
export function restTransfer(model: SimModel, t: SimTransfer, withUuid: boolean): Json {
  const out: Json = {
    state: t.state,
    bytes_transferred: Math.floor(t.doneBytes),
    last_updated_time: restTime(t.endedAt ?? model.now),
  };
  if (withUuid) out['uuid'] = t.uuid;
  if (t.throttleKBps) out['throttle'] = t.throttleKBps;
  if (t.endedAt !== undefined) {
    out['end_time'] = restTime(t.endedAt);
    out['total_duration'] = formatIsoDuration((t.endedAt - (t.startedAt ?? t.requestedAt)) / 1000);
  }
  out['type'] = t.kind;
  return out;
}

export function restRelationship(model: SimModel, rel: SimRelationship): Json {
  const lag = model.lagSeconds(rel);
  const out: Json = {
    uuid: rel.uuid,
    source: { path: rel.source, svm: { name: rel.sourceSystem } },
    destination: { path: rel.destination, svm: { name: rel.destinationSystem } },
    state: REST_STATE[rel.state],
    healthy: rel.healthy,
    policy: { name: 'MirrorAllSnapshots', type: 'async' },
    throttle: rel.throttleKBps,
  };
  if (!rel.healthy) {
    out['unhealthy_reason'] = [{ code: '6621444', message: rel.previous?.error ?? 'Transfer failed.' }];
  }
  if (lag !== undefined) out['lag_time'] = formatIsoDuration(lag);
  if (rel.last) out['last_transfer_type'] = rel.last.type;
  if (rel.active) out['transfer'] = restTransfer(model, rel.active, true);
  else if (rel.previous) out['transfer'] = restTransfer(model, rel.previous, false);
  else if (rel.last) {
    out['transfer'] = {
      state: 'success',
      bytes_transferred: rel.last.bytes,
      end_time: restTime(rel.last.endTime),
      total_duration: formatIsoDuration(rel.last.durationMs / 1000),
    };
  }
  out['_links'] = { self: { href: `/api/snapmirror/relationships/${rel.uuid}` } };
  return out;
}

/** Keeps the named fields (dotted paths; `*`/`**` = all) plus uuid and _links. */
export function pickFields(record: Json, fields: string[] | undefined): Json {
  if (fields?.some((f) => f === '*' || f === '**')) return record;
  const out: Json = {};
  for (const path of ['uuid', '_links', ...(fields ?? [])]) {
    const parts = path.split('.');
    let src: unknown = record;
    for (const p of parts) src = src && typeof src === 'object' ? (src as Json)[p] : undefined;
    if (src === undefined) continue;
    let dst = out;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) dst[p] = src;
      else {
        if (!dst[p]) dst[p] = {};
        dst = dst[p] as Json;
      }
    });
  }
  return out;
}

export function fieldValue(record: Json, path: string): unknown {
  let v: unknown = record;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Json)[p] : undefined;
  return v;
}
