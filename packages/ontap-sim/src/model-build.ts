// Turning a scenario's filers and relationships into the model's state.
import { createHash } from 'node:crypto';
import { normalizeLocation, parseLocation } from '@opskit/core';
import type { SimFiler, SimRelationship } from './model-types.js';
import { kbpsToBytesPerMs } from './rates.js';
import type { Scenario } from './scenario.js';

const DEFAULT_BANDWIDTH_KBPS = 125_000;
const DEFAULT_LIMIT = { '7mode': 50, 'cluster-zapi': 100, rest: 100 } as const;
const DEFAULT_VERSION = {
  '7mode': 'NetApp Release 8.1.1 7-Mode: Mon Jul 30 12:49:46 PDT 2012',
  'cluster-zapi': 'NetApp Release 8.3.2P5: Mon Aug 29 16:28:48 UTC 2016',
  rest: 'NetApp Release 9.13.1P6: Tue Dec 05 16:06:25 UTC 2023',
} as const;

/** A stable uuid-shaped id from a seed, so runs are reproducible. */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function buildFiler(f: Scenario['filers'][number]): SimFiler {
  const filer: SimFiler = {
    name: f.name,
    dialect: f.dialect,
    credentials: f.credentials ?? { username: 'admin', password: 'netapp1!' },
    systems: new Set([f.name.toLowerCase(), ...(f.svms ?? []).map((s) => s.toLowerCase())]),
    svms: f.svms ?? [],
    volumes: new Map(),
    bandwidthBytesPerMs: kbpsToBytesPerMs(f.bandwidthKBps ?? DEFAULT_BANDWIDTH_KBPS),
    maxConcurrent: f.maxConcurrentTransfers ?? DEFAULT_LIMIT[f.dialect],
    version: f.version ?? DEFAULT_VERSION[f.dialect],
    snapmirrorOn: true,
    restTransferJobs: f.restTransferJobs ?? false,
    downUntil: -Infinity,
    running: 0,
    requests: 0,
  };
  for (const v of f.volumes ?? []) {
    const system = (v.svm ?? f.name).toLowerCase();
    filer.volumes.set(`${system}:${v.name}`, {
      restricted: v.restricted ?? false,
      qtrees: new Set(v.qtrees ?? []),
    });
  }
  return filer;
}

/** A relationship at the scenario start `now`; creates its destination volume when undeclared. */
export function buildRelationship(
  r: NonNullable<Scenario['relationships']>[number],
  now: number,
  systemToFiler: ReadonlyMap<string, SimFiler>,
): SimRelationship {
  const src = parseLocation(r.source);
  const dst = parseLocation(r.destination);
  if (!src || !dst) throw new Error(`bad location in relationship ${r.source} -> ${r.destination}`);
  const destinationFiler = systemToFiler.get(dst.system);
  if (!destinationFiler)
    throw new Error(`relationship destination ${r.destination} is on no simulated filer`);
  const state = r.state ?? 'snapmirrored';
  const dstVolumeKey = `${dst.system}:${dst.volume}`;
  if (!destinationFiler.volumes.has(dstVolumeKey)) {
    destinationFiler.volumes.set(dstVolumeKey, {
      restricted: state === 'uninitialized' && !dst.qtree,
      qtrees: new Set(),
    });
  }
  if (dst.qtree && state !== 'uninitialized')
    destinationFiler.volumes.get(dstVolumeKey)!.qtrees.add(dst.qtree);
  const lagMs = (r.lagSeconds ?? 3600) * 1000;
  return {
    uuid: r.uuid ?? deterministicUuid(normalizeLocation(r.destination)),
    source: displayLocation(r.source),
    destination: displayLocation(r.destination),
    sourceKey: normalizeLocation(r.source),
    destinationKey: normalizeLocation(r.destination),
    sourceSystem: src.system,
    destinationSystem: dst.system,
    sourceVolume: src.volume,
    destinationVolume: dst.volume,
    destinationFiler: destinationFiler.name,
    sourceFiler: systemToFiler.get(src.system)?.name,
    isQtree: dst.qtree !== undefined,
    state,
    quiescing: false,
    mirrorTimestamp: state === 'uninitialized' ? undefined : now - lagMs,
    pendingBase: r.pendingBytes ?? 0,
    pendingSince: now,
    changeBytesPerMs: (r.changeBytesPerSecond ?? 0) / 1000,
    baselineBytes: r.baselineBytes ?? r.pendingBytes ?? 1024 ** 3,
    throttleKBps: r.maxTransferRateKBps ?? 0,
    healthy: true,
    checkpointBytes: 0,
    last:
      state === 'uninitialized'
        ? undefined
        : {
            bytes: r.lastTransferBytes ?? 0,
            durationMs: (r.lastTransferSeconds ?? 0) * 1000,
            endTime: now - lagMs + (r.lastTransferSeconds ?? 0) * 1000,
            type: 'update',
            from: displayLocation(r.source),
          },
    active: undefined,
    previous: undefined,
  };
}

/** The form filers report: short `f:vol` for volumes, `f:/vol/v/q` for qtrees, system case kept. */
export function displayLocation(raw: string): string {
  const parsed = parseLocation(raw);
  if (!parsed) return raw;
  const text = raw.trim();
  const system = text.includes('//') ? parsed.system : text.slice(0, text.indexOf(':'));
  return parsed.qtree ? `${system}:/vol/${parsed.volume}/${parsed.qtree}` : `${system}:${parsed.volume}`;
}
