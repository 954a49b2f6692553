// The REST dialect (ONTAP 9.6+): relationships listed with fields and followed across _links.next,
// transfers started with a throttle, aborted by PATCHing the transfer, async jobs awaited.
import { OntapApiError, OntapProtocolError, RestApiError } from './errors.js';
import { parseRecord, readAnswer } from './field-error.js';
import { parseIsoDuration } from './iso-duration.js';
import { normalizeLocation } from './location.js';
import type { RestConnection } from './rest-connection.js';
import { checkRestRelationshipRecord } from './rest-record.js';
import { mapMirrorState } from './status-map.js';
import type { Relationship, RelationshipActivity, SnapMirrorClient, StartTransferOptions } from './types.js';

export const REST_RELATIONSHIP_FIELDS = [
  'uuid',
  'source.path',
  'destination.path',
  'state',
  'healthy',
  'unhealthy_reason',
  'lag_time',
  'throttle',
  'last_transfer_type',
  'transfer.uuid',
  'transfer.state',
  'transfer.bytes_transferred',
  'transfer.end_time',
  'transfer.total_duration',
] as const;

export interface RestRelationshipRecord {
  uuid?: string;
  source?: { path?: string };
  destination?: { path?: string };
  state?: string;
  healthy?: boolean;
  unhealthy_reason?: Array<{ message?: string; code?: string }>;
  lag_time?: string;
  throttle?: number;
  last_transfer_type?: string;
  transfer?: {
    uuid?: string;
    state?: string;
    bytes_transferred?: number;
    end_time?: string;
    total_duration?: string;
  };
}

export interface RestCollection<T> {
  records?: T[];
  num_records?: number;
  _links?: { next?: { href?: string } };
}

export class RestClient implements SnapMirrorClient {
  readonly dialect = 'rest' as const;
  private readonly uuids = new Map<string, string>();

  constructor(
    readonly filer: string,
    private readonly rest: RestConnection,
    private readonly pageSize = 10_000,
    /** Pages followed before the listing is given up as a filer that never stops paging. */
    private readonly maxPages = 100_000,
  ) {}

  async listRelationships(): Promise<Relationship[]> {
    const out: Relationship[] = [];
    let href: string | undefined =
      `/api/snapmirror/relationships?fields=${REST_RELATIONSHIP_FIELDS.join(',')}&max_records=${this.pageSize}`;
    const seen = new Set<string>();
    while (href) {
      if (seen.has(href)) throw new OntapProtocolError(this.rest.peer, `paging loops back to ${href}`);
      if (seen.size >= this.maxPages) {
        throw new OntapProtocolError(
          this.rest.peer,
          `GET /api/snapmirror/relationships: still a next page after ${this.maxPages} pages of ${this.pageSize} records; expected the last page to have no _links.next`,
        );
      }
      seen.add(href);
      const { body }: { body: RestCollection<RestRelationshipRecord> } = await this.rest.call<
        RestCollection<RestRelationshipRecord>
      >('GET', href);
      if (!Array.isArray(body.records)) {
        throw new OntapProtocolError(
          this.rest.peer,
          'GET /api/snapmirror/relationships: expected a "records" array',
        );
      }
      for (const record of body.records) {
        const rel = readAnswer(this.rest.peer, 'GET /api/snapmirror/relationships', () =>
          parseRecord(
            () => `record ${recordLabel(record)}`,
            () => parseRestRelationship(record),
          ),
        );
        if (rel.uuid) this.uuids.set(normalizeLocation(rel.destination), rel.uuid);
        out.push(rel);
      }
      const next: unknown = body._links?.next?.href;
      if (next !== undefined && typeof next !== 'string') {
        throw new OntapProtocolError(
          this.rest.peer,
          `GET /api/snapmirror/relationships: _links.next.href holds ${JSON.stringify(next)}, expected a string`,
        );
      }
      href = next;
    }
    return out;
  }

  async startTransfer(options: StartTransferOptions): Promise<void> {
    const body: Record<string, unknown> = {};
    if (options.maxRateKBps) body['throttle'] = Math.round(options.maxRateKBps);
    const post = async (uuid: string) =>
      this.rest.call<{ job?: { uuid?: string } }>(
        'POST',
        `/api/snapmirror/relationships/${uuid}/transfers`,
        body,
      );
    const cached = this.uuids.get(normalizeLocation(options.destination));
    let answer: Awaited<ReturnType<typeof post>>;
    try {
      answer = await post(cached ?? (await this.relationshipUuid(options.destination)));
    } catch (err) {
      // a relationship deleted and re-created since the last poll has a new uuid: look it up once
      if (!(cached && err instanceof RestApiError && err.status === 404)) throw err;
      this.uuids.delete(normalizeLocation(options.destination));
      answer = await post(await this.relationshipUuid(options.destination));
    }
    if (answer.body.job) await this.rest.waitForJob(answer.body.job);
  }

  async abortTransfer(destination: string): Promise<void> {
    const record = await this.findRelationship(destination, 'uuid,transfer.uuid,transfer.state');
    const transfer = record.transfer;
    if (!transfer?.uuid || (transfer.state !== 'transferring' && transfer.state !== 'queued')) {
      throw new OntapApiError(this.rest.peer, `no transfer in progress for ${destination}`, {
        code: 'E_ONTAP_REST',
        kind: 'no-transfer',
      });
    }
    await this.patch(`/api/snapmirror/relationships/${record.uuid}/transfers/${transfer.uuid}`, {
      state: 'aborted',
    });
  }

  async quiesce(destination: string): Promise<void> {
    await this.patchState(destination, 'paused');
  }

  async resume(destination: string): Promise<void> {
    await this.patchState(destination, 'snapmirrored');
  }

  async systemVersion(): Promise<{ version: string; clustered: boolean }> {
    const { body } = await this.rest.call<{ version?: { full?: string } }>(
      'GET',
      '/api/cluster?fields=version',
    );
    return { version: body.version?.full ?? '', clustered: true };
  }

  async close(): Promise<void> {}

  private async patchState(destination: string, state: string): Promise<void> {
    const uuid = await this.relationshipUuid(destination);
    await this.patch(`/api/snapmirror/relationships/${uuid}`, { state });
  }

  /** A PATCH the filer may carry out as a job: returns once the job ended well. */
  private async patch(path: string, body: Record<string, unknown>): Promise<void> {
    const answer = await this.rest.call<{ job?: { uuid?: string } }>('PATCH', path, body);
    if (answer.body.job) await this.rest.waitForJob(answer.body.job);
  }

  private async relationshipUuid(destination: string): Promise<string> {
    const cached = this.uuids.get(normalizeLocation(destination));
    if (cached) return cached;
    const record = await this.findRelationship(destination, 'uuid');
    return record.uuid!;
  }

  private async findRelationship(destination: string, fields: string): Promise<RestRelationshipRecord> {
    const { body } = await this.rest.call<RestCollection<RestRelationshipRecord>>(
      'GET',
      `/api/snapmirror/relationships?destination.path=${encodeURIComponent(destination)}&fields=${fields}`,
    );
    const record = body.records?.[0];
    if (record?.uuid !== undefined && typeof record.uuid !== 'string') {
      throw new OntapProtocolError(
        this.rest.peer,
        `GET /api/snapmirror/relationships: uuid holds ${JSON.stringify(record.uuid)}, expected a string`,
      );
    }
    if (!record?.uuid) {
      throw new OntapApiError(this.rest.peer, `no SnapMirror relationship with destination ${destination}`, {
        code: 'E_ONTAP_REST',
        kind: 'not-found',
      });
    }
    this.uuids.set(normalizeLocation(destination), record.uuid);
    return record;
  }
}

const REST_ACTIVITY: Record<string, RelationshipActivity> = {
  transferring: 'transferring',
  queued: 'queued',
};

function recordLabel(record: unknown): string {
  const r = record as RestRelationshipRecord | null;
  const name = typeof r?.uuid === 'string' ? r.uuid : r?.destination?.path;
  return typeof name === 'string' ? name : '(unnamed)';
}

/**
 * Maps one REST relationship record (bytes, ISO durations) onto the contract. A field of the wrong
 * JSON type throws OntapFieldError naming it and what it should hold.
 */
export function parseRestRelationship(record: RestRelationshipRecord): Relationship {
  checkRestRelationshipRecord(record);
  const transferState = record.transfer?.state;
  const activity: RelationshipActivity =
    (transferState ? REST_ACTIVITY[transferState] : undefined) ??
    (record.state === 'transferring' ? 'transferring' : 'idle');
  const transferring = activity !== 'idle';
  const finished = !transferring && transferState !== undefined;
  const endTime = record.transfer?.end_time ? Date.parse(record.transfer.end_time) : undefined;
  const duration = record.transfer?.total_duration
    ? parseIsoDuration(record.transfer.total_duration)
    : undefined;
  const failed =
    transferState === 'failed' || transferState === 'aborted' || transferState === 'hard_aborted';
  const reasons = (record.unhealthy_reason ?? []).map((r) => r.message).filter(Boolean);
  return {
    source: record.source?.path ?? '',
    destination: record.destination?.path ?? '',
    state: mapMirrorState(record.state),
    activity,
    transferring,
    transferBytes: transferring ? (record.transfer?.bytes_transferred ?? 0) : undefined,
    lagSeconds: record.lag_time ? parseIsoDuration(record.lag_time) : undefined,
    last: {
      bytes: finished && !failed ? record.transfer?.bytes_transferred : undefined,
      durationSeconds: finished ? duration : undefined,
      endTime: finished && endTime !== undefined && Number.isFinite(endTime) ? endTime : undefined,
      error: failed ? reasons.join('; ') || `transfer ${transferState}` : reasons.join('; ') || undefined,
    },
    healthy: record.healthy,
    uuid: record.uuid,
    statusText: transferState ?? record.state,
  };
}
