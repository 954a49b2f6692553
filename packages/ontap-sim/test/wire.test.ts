// The simulator on the wire, without the opskit client: raw requests shaped like the reference
// sheet's examples get the sheet's envelopes, element and field names, units and error shapes.
import { child, childList, parseXmlDocument, VirtualClock, ZAPI_PATH, type ZapiElement } from '@opskit/core';
import { type Simulator, startSimulator } from '@opskit/ontap-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: raw JSON bodies in a wire test
type RawJson = Record<string, any>;

let sim: Simulator;
const auth = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

beforeAll(async () => {
  sim = await startSimulator({
    clock: new VirtualClock(),
    scenario: {
      filers: [
        {
          name: 'filer13',
          dialect: '7mode',
          credentials: { username: 'root', password: 'pw' },
          svms: ['vf1'],
        },
        {
          name: 'cl',
          dialect: 'cluster-zapi',
          svms: ['svmdst'],
          credentials: { username: 'admin', password: 'pw' },
        },
        { name: 'r9', dialect: 'rest', svms: ['svm9'], credentials: { username: 'admin', password: 'pw' } },
      ],
      relationships: [
        {
          source: 'filer48:userhome_LCP',
          destination: 'filer13:sm_filer48_userhome_LCP',
          lagSeconds: 469,
          lastTransferBytes: 1044 * 1024,
          lastTransferSeconds: 7,
        },
        { source: 'svmsrc:volsrc', destination: 'svmdst:voldst', lagSeconds: 2187 },
        { source: 'svmsrc:other', destination: 'svmdst:other_dst' },
        { source: 'svmsrc:v9', destination: 'svm9:v9_dst', pendingBytes: 1000 },
      ],
    },
  });
});
afterAll(async () => {
  await sim?.close();
});

async function zapi(
  filer: string,
  body: string,
  password = 'pw',
): Promise<{ status: number; root: ZapiElement | undefined; text: string }> {
  const e = sim.endpoint(filer);
  const res = await fetch(`${e.url}${ZAPI_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', Authorization: auth(e.credentials.username, password) },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, root: res.status === 200 ? parseXmlDocument(text) : undefined };
}

const names = (el: ZapiElement | undefined) => (el?.children ?? []).map((c) => c.name);

describe('ZAPI servlet', () => {
  it('answers the sheet 1.3 envelope (DOCTYPE, single quotes, SDK attributes) with the 2.3 reply shape', async () => {
    const { root } = await zapi(
      'filer13',
      `<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE netapp SYSTEM 'file:/etc/netapp_filer.dtd'>
<netapp version='1.7' xmlns='http://www.netapp.com/filer/admin' vfiler='vf1' nmsdk_version='5.2' nmsdk_platform='Linux' nmsdk_language='Perl' nmsdk_bindings='1'>
  <snapmirror-get-status><location>filer13:/vol/sm_filer48_userhome_LCP</location></snapmirror-get-status>
</netapp>`.replace("vfiler='vf1' ", ''),
    );
    expect(root?.name).toBe('netapp');
    expect(root?.attrs['xmlns']).toBe('http://www.netapp.com/filer/admin');
    const results = child(root, 'results')!;
    expect(results.attrs).toEqual({ status: 'passed' });
    expect(names(results)).toEqual(['is-available', 'snapmirror-status']);
    const [info] = childList(results, 'snapmirror-status');
    expect(info?.name).toBe('snapmirror-status-info');
    const fields = Object.fromEntries(info!.children.map((c) => [c.name, c.text]));
    expect(fields).toMatchObject({
      'source-location': 'filer48:userhome_LCP',
      'destination-location': 'filer13:sm_filer48_userhome_LCP',
      state: 'snapmirrored',
      status: 'idle',
      contents: 'Replica',
      'lag-time': '469',
      'last-transfer-size': '1044',
      'last-transfer-duration': '7',
      'last-transfer-type': 'scheduled',
      'transfer-progress': '0',
    });
    expect(fields['base-snapshot']).toMatch(/^filer13\(0536965720\)_sm_filer48_userhome_LCP\.\d+$/);
  });

  it('scopes a vFiler-tunnelled call to that vFiler', async () => {
    const { root } = await zapi(
      'filer13',
      `<netapp version='1.7' xmlns='http://www.netapp.com/filer/admin' vfiler='vf1'><snapmirror-get-status/></netapp>`,
    );
    expect(names(child(root, 'results'))).toEqual(['is-available']);
  });

  it('omits snapmirror-status when nothing matches the location', async () => {
    const { root } = await zapi(
      'filer13',
      `<netapp version='1.7' xmlns='http://www.netapp.com/filer/admin'><snapmirror-get-status><location>filer13:nosuch</location></snapmirror-get-status></netapp>`,
    );
    expect(names(child(root, 'results'))).toEqual(['is-available']);
  });

  it('answers the sheet 3.3 get-iter request with only the desired attributes, num-records and next-tag paging', async () => {
    const request = (
      extra: string,
    ) => `<netapp version='1.20' xmlns='http://www.netapp.com/filer/admin'><snapmirror-get-iter>
  <desired-attributes><snapmirror-info><relationship-status/><mirror-state/><lag-time/></snapmirror-info></desired-attributes>
  ${extra}</snapmirror-get-iter></netapp>`;
    const q = await zapi(
      'cl',
      request(
        '<query><snapmirror-info><destination-location>svmdst:voldst</destination-location></snapmirror-info></query><max-records>100</max-records>',
      ),
    );
    const results = child(q.root, 'results')!;
    expect(names(results)).toEqual(['attributes-list', 'num-records']);
    const [info] = childList(results, 'attributes-list');
    expect(names(info)).toEqual(['relationship-status', 'mirror-state', 'lag-time']);
    expect(info!.children.map((c) => c.text)).toEqual(['idle', 'snapmirrored', '2187']);
    const page1 = child((await zapi('cl', request('<max-records>1</max-records>'))).root, 'results')!;
    const tag = child(page1, 'next-tag')!.text;
    expect(child(page1, 'num-records')?.text).toBe('1');
    const page2 = child(
      (await zapi('cl', request(`<max-records>1</max-records><tag>${tag}</tag>`))).root,
      'results',
    )!;
    expect(child(page2, 'next-tag')).toBeUndefined();
  });

  it.each([
    [
      'filer13',
      `<netapp version='1.7' xmlns='http://www.netapp.com/filer/admin'><no-such-api/></netapp>`,
      '13005',
      /Unable to find API: no-such-api/,
    ],
    [
      'filer13',
      `<netapp version='1.20' xmlns='http://www.netapp.com/filer/admin'><system-get-version/></netapp>`,
      '13010',
      /not supported/,
    ],
    [
      'cl',
      `<netapp version='1.20' xmlns='http://www.netapp.com/filer/admin' vfiler='nosvm'><system-get-version/></netapp>`,
      '15698',
      /Vserver nosvm not found/,
    ],
    [
      'cl',
      `<netapp version='1.20' xmlns='http://www.netapp.com/filer/admin'><snapmirror-update/></netapp>`,
      '13006',
      /Missing input/,
    ],
  ])('%s: failure as results attributes errno/reason (%#)', async (filer, body, errno, reason) => {
    const results = child((await zapi(filer, body)).root, 'results')!;
    expect(results.attrs['status']).toBe('failed');
    expect(results.attrs['errno']).toBe(errno);
    expect(results.attrs['reason']).toMatch(reason);
  });

  it('answers wrong credentials with HTTP 401 and an HTML page', async () => {
    const r = await zapi('filer13', `<netapp version='1.7'><system-get-version/></netapp>`, 'nope');
    expect(r.status).toBe(401);
    expect(r.text).toMatch(/<html>/);
  });
});

describe('REST API', () => {
  const rest = async (method: string, path: string, body?: unknown) => {
    const e = sim.endpoint('r9');
    const res = await fetch(`${e.url}${path}`, {
      method,
      headers: { Authorization: auth('admin', 'pw'), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      location: res.headers.get('location'),
      body: (await res.json()) as RawJson,
    };
  };

  it('lists relationships with the asked fields, the collection shape and ISO lag', async () => {
    const r = await rest(
      'GET',
      '/api/snapmirror/relationships?fields=source.path,destination.path,state,lag_time,healthy',
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ num_records: 1, _links: { self: { href: expect.any(String) } } });
    const [rec] = r.body['records'];
    expect(Object.keys(rec).sort()).toEqual([
      '_links',
      'destination',
      'healthy',
      'lag_time',
      'source',
      'state',
      'uuid',
    ]);
    expect(rec).toMatchObject({
      source: { path: 'svmsrc:v9' },
      destination: { path: 'svm9:v9_dst' },
      state: 'snapmirrored',
      lag_time: 'PT1H',
    });
    const keysOnly = await rest('GET', '/api/snapmirror/relationships');
    expect(Object.keys(keysOnly.body['records'][0]).sort()).toEqual(['_links', 'uuid']);
  });

  it('starts a transfer with 201 and a Location header, and errors with {"error": {message, code}}', async () => {
    const uuid = (await rest('GET', '/api/snapmirror/relationships')).body['records'][0].uuid;
    const started = await rest('POST', `/api/snapmirror/relationships/${uuid}/transfers`, {
      throttle: '100',
    });
    expect(started.status).toBe(201);
    expect(started.location).toMatch(
      new RegExp(`^/api/snapmirror/relationships/${uuid}/transfers/[0-9a-f-]{36}$`),
    );
    const again = await rest('POST', `/api/snapmirror/relationships/${uuid}/transfers`, {});
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { message: expect.any(String), code: '13303844' } });
    const t = await rest('GET', started.location!);
    expect(t.body).toMatchObject({
      state: 'transferring',
      throttle: 100,
      bytes_transferred: 0,
      uuid: expect.any(String),
    });
    const missing = await rest('GET', '/api/snapmirror/relationships/00000000-0000-0000-0000-000000000000');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: '4' } } });
  });
});
