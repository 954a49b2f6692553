import { describe, expect, it } from 'vitest';
import { OntapProtocolError } from './errors.js';
import { RestClient } from './rest.js';
import type { RestConnection } from './rest-connection.js';

/** A connection answering every GET with one record and the given next link. */
function pages(next: (n: number) => unknown) {
  let n = 0;
  const rest = {
    peer: 'fr (http://127.0.0.1:1)',
    call: async () => {
      n++;
      return {
        status: 200,
        location: undefined,
        body: {
          records: [{ uuid: `u${n}`, destination: { path: `svm:v${n}` }, state: 'snapmirrored' }],
          _links: { next: { href: next(n) } },
        },
      };
    },
  } as unknown as RestConnection;
  return { rest, requests: () => n };
}

describe('REST paging', () => {
  it('throws instead of returning a partial list when the page cap is reached', async () => {
    const { rest, requests } = pages((n) => `/api/snapmirror/relationships?start.uuid=u${n + 1}`);
    const err = await new RestClient('fr', rest, 1, 4).listRelationships().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntapProtocolError);
    expect((err as Error).message).toContain('still a next page after 4 pages');
    expect(requests()).toBe(4);
  });

  it('a next link that is not a string is a protocol error, not a crash', async () => {
    const { rest } = pages(() => 42);
    await expect(new RestClient('fr', rest).listRelationships()).rejects.toThrow(
      '_links.next.href holds 42, expected a string',
    );
  });
});
