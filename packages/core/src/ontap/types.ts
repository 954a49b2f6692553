// The SnapMirror contract the scheduler uses, implemented by the three dialects (ZAPI 7-Mode,
// ZAPI clustered, REST). All sizes are bytes and all rates KB/s here, whatever the wire says.

export type OntapDialect = '7mode' | 'cluster-zapi' | 'rest';

/** Mirror state, normalised (7-Mode `state`, clustered `mirror-state`, REST `state`). */
export type MirrorState = 'uninitialized' | 'snapmirrored' | 'broken-off' | 'quiesced' | 'source' | 'unknown';

/** What the relationship is doing now, normalised to lower case. */
export type RelationshipActivity =
  | 'idle'
  | 'queued'
  | 'pending'
  | 'transferring'
  | 'aborting'
  | 'quiescing'
  | 'finalizing'
  | 'preparing'
  | 'checking'
  | 'unknown';

export interface LastTransfer {
  bytes?: number | undefined;
  durationSeconds?: number | undefined;
  /** End of the last transfer, ms since the epoch, when the filer reports it. */
  endTime?: number | undefined;
  /** The error of the last (or current) transfer, when it failed. */
  error?: string | undefined;
}

export interface Relationship {
  /** Source location as the filer reports it (`filer:vol`, `filer:/vol/v/qtree`, `svm:vol`). */
  source: string;
  /** Destination location as the filer reports it. */
  destination: string;
  state: MirrorState;
  activity: RelationshipActivity;
  /** A transfer is running, queued or pending on the filer: it counts against the limits. */
  transferring: boolean;
  /** Bytes moved so far by the current transfer. */
  transferBytes?: number | undefined;
  /** Seconds since the mirrored snapshot was taken. */
  lagSeconds?: number | undefined;
  last: LastTransfer;
  /** Clustered/REST `is-healthy` / `healthy`; undefined on 7-Mode. */
  healthy?: boolean | undefined;
  /** REST relationship uuid. */
  uuid?: string | undefined;
  /** Raw dialect-specific status text, for display. */
  statusText?: string | undefined;
}

export interface StartTransferOptions {
  destination: string;
  source?: string | undefined;
  /** `update` for an initialised relationship, `initialize` for a baseline. */
  kind: 'update' | 'initialize';
  /** Per-transfer rate cap in KB/s; 0 or undefined means unlimited. */
  maxRateKBps?: number | undefined;
}

export interface SnapMirrorClient {
  readonly filer: string;
  readonly dialect: OntapDialect;
  /** Every relationship whose destination is on this filer: one request per poll (paging aside). */
  listRelationships(): Promise<Relationship[]>;
  /** Starts an update or a baseline transfer; returns once the filer accepted it. */
  startTransfer(options: StartTransferOptions): Promise<void>;
  abortTransfer(destination: string): Promise<void>;
  /** Disables further transfers to the destination (7-Mode/clustered quiesce, REST state=paused). */
  quiesce?(destination: string): Promise<void>;
  /** Re-enables transfers after quiesce. */
  resume?(destination: string): Promise<void>;
  /** Version string and whether the system is clustered. */
  systemVersion(): Promise<{ version: string; clustered: boolean }>;
  close(): Promise<void>;
}
