// The clustered ZAPI dialect: snapmirror-get-iter paged with next-tag; sizes on the wire are bytes.
import { OntapApiError, OntapProtocolError } from './errors.js';
import { parseRecord } from './field-error.js';
import { countsAgainstLimits, mapActivity, mapMirrorState } from './status-map.js';
import type { Relationship } from './types.js';
import { ZapiSnapMirrorClient } from './zapi-client.js';
import type { ZapiConnection } from './zapi-connection.js';
import {
  childBoolean,
  childList,
  childNumber,
  childText,
  type ZapiElement,
  zapiElement,
} from './zapi-element.js';

/** The snapmirror-info fields the client asks for (desired-attributes): the rest stays on the filer. */
export const CLUSTER_DESIRED_FIELDS = [
  'source-location',
  'destination-location',
  'mirror-state',
  'relationship-status',
  'relationship-progress',
  'relationship-id',
  'lag-time',
  'is-healthy',
  'last-transfer-size',
  'last-transfer-duration',
  'last-transfer-end-timestamp',
  'last-transfer-error',
  'current-transfer-error',
  'current-transfer-type',
] as const;

export class ClusterZapiClient extends ZapiSnapMirrorClient {
  readonly dialect = 'cluster-zapi' as const;
  protected readonly clusteredByDefault = true;

  constructor(
    filer: string,
    zapi: ZapiConnection,
    private readonly pageSize = 1000,
    /** Pages followed before the listing is given up as a filer that never stops paging. */
    private readonly maxPages = 100_000,
  ) {
    super(filer, zapi);
  }

  async listRelationships(): Promise<Relationship[]> {
    const out: Relationship[] = [];
    let tag: string | undefined;
    const desired = zapiElement(
      'snapmirror-info',
      Object.fromEntries(CLUSTER_DESIRED_FIELDS.map((f) => [f, ''])),
    );
    // a filer that hands back a tag it gave before would page forever, repeating records
    const seen = new Set<string>();
    for (let page = 0; page < this.maxPages; page++) {
      const results = await this.zapi.invoke(
        'snapmirror-get-iter',
        { 'desired-attributes': desired, 'max-records': this.pageSize, tag },
        true,
      );
      const batch = this.read('snapmirror-get-iter', () => parseClusterIter(results));
      for (const rel of batch) out.push(rel);
      tag = childText(results, 'next-tag') || undefined;
      const count = this.read('snapmirror-get-iter', () => childNumber(results, 'num-records'));
      if (!tag || (count ?? batch.length) === 0) return out;
      if (seen.has(tag)) {
        throw new OntapProtocolError(
          this.zapi.peer,
          `snapmirror-get-iter: page ${page + 1} gives back the next-tag "${tag.slice(0, 60)}" of an earlier page; expected a new tag or none on the last page`,
        );
      }
      seen.add(tag);
    }
    throw new OntapProtocolError(
      this.zapi.peer,
      `snapmirror-get-iter: still a next-tag after ${this.maxPages} pages of ${this.pageSize} records; expected the last page to have none`,
    );
  }

  /** A passed control call whose result-status says failed (the v1 control plane) throws. */
  protected override checkControlResults(api: string, results: ZapiElement): void {
    checkResultStatus(this.zapi.peer, api, results);
  }
}

/** `result-status` failed on a passed call (the v1 control plane reports errors this way). */
function checkResultStatus(peer: string, api: string, results: ZapiElement): void {
  if (childText(results, 'result-status') !== 'failed') return;
  const code = childNumber(results, 'result-error-code') ?? -1;
  const message = childText(results, 'result-error-message') ?? 'No reason given';
  throw new OntapApiError(peer, `${api} failed: ${message} (result-error-code ${code})`, {
    code: 'E_ZAPI',
    kind: 'api',
  });
}

/** Parses the attributes-list of snapmirror-get-iter (one page). */
export function parseClusterIter(results: ZapiElement): Relationship[] {
  return childList(results, 'attributes-list').map((info) =>
    parseRecord(
      () =>
        `snapmirror-info of ${childText(info, 'destination-location') ?? childText(info, 'relationship-id') ?? '(no destination)'}`,
      () => parseClusterInfo(info),
    ),
  );
}

export function parseClusterInfo(info: ZapiElement): Relationship {
  const statusText = childText(info, 'relationship-status');
  const activity = mapActivity(statusText);
  const transferring = countsAgainstLimits(activity);
  const end = childNumber(info, 'last-transfer-end-timestamp');
  const vserver = childText(info, 'destination-vserver');
  const volume = childText(info, 'destination-volume');
  const sourceVserver = childText(info, 'source-vserver');
  const sourceVolume = childText(info, 'source-volume');
  return {
    source:
      childText(info, 'source-location') ??
      (sourceVserver && sourceVolume ? `${sourceVserver}:${sourceVolume}` : ''),
    destination: childText(info, 'destination-location') ?? (vserver && volume ? `${vserver}:${volume}` : ''),
    // clustered ONTAP keeps mirror-state snapmirrored while quiesced; the status says it
    state:
      statusText?.toLowerCase() === 'quiesced' ? 'quiesced' : mapMirrorState(childText(info, 'mirror-state')),
    activity,
    transferring,
    transferBytes: transferring ? childNumber(info, 'relationship-progress') : undefined,
    lagSeconds: childNumber(info, 'lag-time'),
    last: {
      bytes: childNumber(info, 'last-transfer-size'),
      durationSeconds: childNumber(info, 'last-transfer-duration'),
      endTime: end === undefined ? undefined : end * 1000,
      error: childText(info, 'current-transfer-error') || childText(info, 'last-transfer-error') || undefined,
    },
    healthy: childBoolean(info, 'is-healthy'),
    uuid: childText(info, 'relationship-id'),
    statusText,
  };
}
