import { describe, expect, it } from 'vitest';
import { OntapApiError, OntapProtocolError } from './errors.js';
import { SevenModeClient } from './zapi-7mode.js';
import { ClusterZapiClient } from './zapi-cluster.js';
import type { ZapiConnection } from './zapi-connection.js';
import { passedResults, type ZapiElement, type ZapiInput, zapiElement } from './zapi-element.js';

/** A connection that records each call and answers every one with the same passed <results>. */
function connection(outputs: ZapiInput) {
  const calls: ZapiElement[] = [];
  const zapi = {
    peer: 'f1 (http://127.0.0.1:1)',
    invoke: async (api: ZapiElement | string, inputs?: ZapiInput) => {
      calls.push(typeof api === 'string' ? zapiElement(api, inputs ?? {}) : api);
      return passedResults(outputs);
    },
  } as unknown as ZapiConnection;
  return { zapi, calls };
}

const failed = {
  'result-status': 'failed',
  'result-error-code': 13001,
  'result-error-message': 'Transfer already in progress',
};

describe('ZAPI control calls', () => {
  it('clustered: a passed start or abort whose result-status is failed throws with the error code', async () => {
    const { zapi, calls } = connection(failed);
    const client = new ClusterZapiClient('f1', zapi);
    await expect(client.startTransfer({ destination: 'svm:v', kind: 'update' })).rejects.toThrow(
      'snapmirror-update failed: Transfer already in progress (result-error-code 13001)',
    );
    await expect(client.abortTransfer('svm:v')).rejects.toBeInstanceOf(OntapApiError);
    expect(calls.map((c) => c.name)).toEqual(['snapmirror-update', 'snapmirror-abort']);
  });

  it('7-Mode: control calls send the inputs and read no result-status', async () => {
    const { zapi, calls } = connection(failed);
    const client = new SevenModeClient('f7', zapi);
    await client.startTransfer({ destination: 'f7:v', source: 's:v', kind: 'initialize', maxRateKBps: 99.6 });
    await client.abortTransfer('f7:v');
    expect(calls.map((c) => c.name)).toEqual(['snapmirror-initialize', 'snapmirror-abort']);
    expect(calls[0]!.children.map((c) => [c.name, c.text])).toEqual([
      ['source-location', 's:v'],
      ['destination-location', 'f7:v'],
      ['max-transfer-rate', '100'],
    ]);
  });

  it('system-get-version without is-clustered means the dialect it was asked in', async () => {
    expect(
      await new SevenModeClient('f7', connection({ version: 'NetApp Release 8.1' }).zapi).systemVersion(),
    ).toEqual({
      version: 'NetApp Release 8.1',
      clustered: false,
    });
    expect(await new ClusterZapiClient('fc', connection({}).zapi).systemVersion()).toEqual({
      version: '',
      clustered: true,
    });
  });
});

describe('clustered paging', () => {
  /** A filer that always has another page: a fresh next-tag on every answer. */
  function endless() {
    let n = 0;
    const zapi = {
      peer: 'fc (http://127.0.0.1:1)',
      invoke: async () => {
        n++;
        return passedResults({
          'attributes-list': {
            'snapmirror-info': [{ 'destination-location': `svm:v${n}`, 'mirror-state': 'snapmirrored' }],
          },
          'num-records': 1,
          'next-tag': `tag-${n}`,
        });
      },
    } as unknown as ZapiConnection;
    return { zapi, requests: () => n };
  }

  it('throws instead of returning a partial list when the page cap is reached', async () => {
    const { zapi, requests } = endless();
    const err = await new ClusterZapiClient('fc', zapi, 1, 5).listRelationships().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapProtocolError);
    expect((err as Error).message).toContain('still a next-tag after 5 pages');
    expect(requests()).toBe(5);
  });
});

describe('7-Mode destination filter', () => {
  const status = (...pairs: [string, string][]) =>
    connection({
      'is-available': true,
      'snapmirror-status': {
        'snapmirror-status-info': pairs.map(([src, dst]) => ({
          'source-location': src,
          'destination-location': dst,
          state: 'snapmirrored',
          status: 'idle',
        })),
      },
    }).zapi;

  it('compares IP addresses whole, not by their first label', async () => {
    const zapi = status(['10.0.0.9:a', '10.0.0.5:a'], ['10.0.0.9:b', '10.0.0.6:b']);
    const rels = await new SevenModeClient('10.0.0.5', zapi).listRelationships();
    expect(rels.map((r) => r.destination)).toEqual(['10.0.0.5:a']);
  });

  it('keeps host names matched by their first label', async () => {
    const zapi = status(['src:a', 'filer13:a'], ['src:b', 'FILER13.example.com:b'], ['src:c', 'other:c']);
    const rels = await new SevenModeClient('filer13.example.com', zapi).listRelationships();
    expect(rels.map((r) => r.destination)).toEqual(['filer13:a', 'FILER13.example.com:b']);
  });

  it('entries that are neither to nor from the system name: an error naming systemName', async () => {
    const zapi = status(['src:a', 'filer13:a']);
    await expect(new SevenModeClient('10.0.0.5', zapi).listRelationships()).rejects.toMatchObject({
      code: 'E_ONTAP_SYSTEM_NAME',
      hint: expect.stringContaining('systemName: filer13'),
    });
  });
});
