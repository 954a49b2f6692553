// The 7-Mode dialect: snapmirror-get-status lists every pair in one call; sizes on the wire are KB.
import { OntapApiError } from './errors.js';
import { parseRecord } from './field-error.js';
import { parseLocation } from './location.js';
import { countsAgainstLimits, mapActivity, mapMirrorState } from './status-map.js';
import type { Relationship } from './types.js';
import { ZapiSnapMirrorClient } from './zapi-client.js';
import type { ZapiConnection } from './zapi-connection.js';
import { child, childBoolean, childList, childNumber, childText, type ZapiElement } from './zapi-element.js';

const KB = 1024;

export class SevenModeClient extends ZapiSnapMirrorClient {
  readonly dialect = '7mode' as const;
  protected readonly clusteredByDefault = false;

  constructor(
    filer: string,
    zapi: ZapiConnection,
    /** Location prefix of this filer's destinations (the vFiler name when tunnelling). */
    private readonly systemName: string = filer,
  ) {
    super(filer, zapi);
  }

  async listRelationships(): Promise<Relationship[]> {
    const results = await this.zapi.invoke('snapmirror-get-status', {}, true);
    if (childBoolean(results, 'is-available') === false) {
      throw new OntapApiError(this.zapi.peer, 'SnapMirror is off on this filer (is-available=false)', {
        code: 'E_ZAPI',
        kind: 'unsupported',
        hint: 'run "snapmirror on" on the filer',
      });
    }
    const all = this.read('snapmirror-get-status', () => parseSevenModeStatus(results));
    const mine = shortName(this.systemName);
    const onSystem = (location: string) => {
      const system = parseLocation(location)?.system;
      return system === undefined || shortName(system) === mine;
    };
    const kept = all.filter((r) => onSystem(r.destination));
    // entries came back but none is to or from this system: its name is not the one the filer uses
    if (kept.length === 0 && all.length > 0 && !all.some((r) => onSystem(r.source))) {
      const names = [...new Set(all.map((r) => parseLocation(r.destination)?.system ?? r.destination))];
      throw new OntapApiError(
        this.zapi.peer,
        `snapmirror-get-status reported ${all.length} relationship(s), none to or from "${this.systemName}" (destinations on: ${names.slice(0, 5).join(', ')})`,
        {
          code: 'E_ONTAP_SYSTEM_NAME',
          kind: 'not-found',
          hint: `set systemName to the name the filer writes in its locations (e.g. systemName: ${names[0]}) in this filer's configuration, or name the filer by it`,
        },
      );
    }
    return kept;
  }
}

const IP_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f:]*:[0-9a-f:.]*\]?)$/i;

/** The first label of a host name (filer13.example.com -> filer13); an IP address stays whole. */
function shortName(system: string): string {
  const name = system.toLowerCase();
  if (IP_ADDRESS.test(name)) return name;
  return name.split('.')[0] ?? name;
}

/** Parses the <results> of snapmirror-get-status into relationships (KB converted to bytes). */
export function parseSevenModeStatus(results: ZapiElement): Relationship[] {
  return childList(results, 'snapmirror-status').map((info) =>
    parseRecord(
      () => `snapmirror-status-info of ${childText(info, 'destination-location') ?? '(no destination)'}`,
      () => parseSevenModeInfo(info),
    ),
  );
}

export function parseSevenModeInfo(info: ZapiElement): Relationship {
  const statusText = childText(info, 'status');
  const activity = mapActivity(statusText);
  const transferring = countsAgainstLimits(activity);
  const progress = childNumber(info, 'transfer-progress');
  const lastSize = childNumber(info, 'last-transfer-size');
  return {
    source: childText(info, 'source-location') ?? '',
    destination: childText(info, 'destination-location') ?? '',
    state: mapMirrorState(childText(info, 'state')),
    activity,
    transferring,
    transferBytes: transferring && progress !== undefined ? progress * KB : undefined,
    lagSeconds: childNumber(info, 'lag-time'),
    last: {
      bytes: lastSize === undefined ? undefined : lastSize * KB,
      durationSeconds: childNumber(info, 'last-transfer-duration'),
      error: child(info, 'current-transfer-error')?.text || undefined,
    },
    healthy: undefined,
    statusText,
  };
}
