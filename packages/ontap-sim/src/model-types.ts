// The simulator's state: filers, relationships and transfers, in bytes and milliseconds.
import type { OntapDialect } from '@opskit/core';

export type SimMirrorState = 'snapmirrored' | 'uninitialized' | 'broken-off' | 'quiesced';
export type TransferState = 'queued' | 'transferring' | 'success' | 'aborted' | 'failed';

export interface SimFiler {
  name: string;
  dialect: OntapDialect;
  credentials: { username: string; password: string };
  /** Lower-case names that prefix this filer's locations: the filer itself and its vFilers/SVMs. */
  systems: Set<string>;
  svms: string[];
  /** Volume key `system:volume` (lower-case system) -> restricted. */
  volumes: Map<string, { restricted: boolean; qtrees: Set<string> }>;
  bandwidthBytesPerMs: number;
  maxConcurrent: number;
  version: string;
  /** 7-Mode `snapmirror-on` / `snapmirror-off`. */
  snapmirrorOn: boolean;
  /** REST: POST .../transfers answers 202 with a job instead of 201. */
  restTransferJobs: boolean;
  /** Requests refused (connection reset) until this instant, after a reboot. */
  downUntil: number;
  /** Transfers running now with this filer at one end (slots in use). */
  running: number;
  requests: number;
}

export interface LastTransferInfo {
  bytes: number;
  durationMs: number;
  endTime: number;
  type: 'initialize' | 'update';
  from: string;
  error?: string | undefined;
}

export interface SimRelationship {
  uuid: string;
  /** Locations as the filer reports them (short volume form, `/vol/v/q` for qtrees). */
  source: string;
  destination: string;
  sourceKey: string;
  destinationKey: string;
  sourceSystem: string;
  destinationSystem: string;
  sourceVolume: string;
  destinationVolume: string;
  destinationFiler: string;
  sourceFiler: string | undefined;
  isQtree: boolean;
  state: SimMirrorState;
  /** Quiesce asked while a transfer runs: 7-Mode/clustered "quiescing" until it ends. */
  quiescing: boolean;
  mirrorTimestamp: number | undefined;
  pendingBase: number;
  pendingSince: number;
  changeBytesPerMs: number;
  baselineBytes: number;
  throttleKBps: number;
  healthy: boolean;
  checkpointBytes: number;
  last: LastTransferInfo | undefined;
  active: SimTransfer | undefined;
  /** The most recent finished transfer (REST keeps it 24 h). */
  previous: SimTransfer | undefined;
}

export interface SimTransfer {
  uuid: string;
  relationship: SimRelationship;
  kind: 'initialize' | 'update';
  requestedAt: number;
  startedAt: number | undefined;
  endedAt: number | undefined;
  state: TransferState;
  totalBytes: number;
  doneBytes: number;
  /** KB/s, 0 = unlimited. */
  throttleKBps: number;
  /** Current rate, bytes/ms. */
  rate: number;
  /** The instant `doneBytes` was last brought up to date. */
  updatedAt: number;
  error: string | undefined;
  resources: string[];
  linkKey: string;
}

/** One finished or active transfer, for inspection (bytes, ms since the epoch). */
export interface TransferRecord {
  uuid: string;
  filer: string;
  sourceFiler: string | undefined;
  link: string;
  source: string;
  destination: string;
  kind: 'initialize' | 'update';
  requestedAt: number;
  startedAt: number | undefined;
  endedAt: number | undefined;
  state: TransferState;
  bytes: number;
  totalBytes: number;
  throttleKBps: number;
  error: string | undefined;
}

export interface ConcurrencyPeak {
  max: number;
  /** First instant the maximum was reached. */
  at: number | undefined;
}

export interface ConcurrencyReport {
  global: ConcurrencyPeak;
  filers: Record<string, ConcurrencyPeak>;
  links: Record<string, ConcurrencyPeak>;
  /** Transfers running right now. */
  running: number;
  queued: number;
}
