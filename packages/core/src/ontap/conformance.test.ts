// The request and response examples of the reference sheet (ontap-snapmirror.md) round-trip through
// the client's builders and parsers.
import { describe, expect, it } from 'vitest';
import { OntapProtocolError, RestApiError, ZapiError } from './errors.js';
import { parseIsoDuration } from './iso-duration.js';
import { parseRestRelationship } from './rest.js';
import { parseSevenModeStatus } from './zapi-7mode.js';
import { parseClusterIter } from './zapi-cluster.js';
import { readZapiResults } from './zapi-connection.js';
import { buildZapiRequest, child, serializeElement, type ZapiElement, zapiElement } from './zapi-element.js';
import { parseXmlDocument } from './zapi-parse.js';

/** Structure without insignificant whitespace: name, attributes, text, children. */
function shape(el: ZapiElement): unknown {
  return { name: el.name, attrs: el.attrs, text: el.text, children: el.children.map(shape) };
}

const SHEET_ENVELOPE = `<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE netapp SYSTEM 'file:/etc/netapp_filer.dtd'>
<netapp version='1.7' xmlns='http://www.netapp.com/filer/admin' vfiler='vf1'>
  <snapmirror-get-status><location>dst:vol1</location></snapmirror-get-status>
</netapp>`;

describe('ZAPI envelope (sheet 1.3)', () => {
  it('builds the same request envelope as the SDK', () => {
    const ours = buildZapiRequest(zapiElement('snapmirror-get-status', { location: 'dst:vol1' }), {
      version: '1.7',
      vfiler: 'vf1',
    });
    expect(ours).toContain("<!DOCTYPE netapp SYSTEM 'file:/etc/netapp_filer.dtd'>");
    expect(shape(parseXmlDocument(ours))).toEqual(shape(parseXmlDocument(SHEET_ENVELOPE)));
  });

  it('builds the snapmirror-update example and reads its passed reply', () => {
    const el = zapiElement('snapmirror-update', {
      'destination-location': 'filerB:vol2',
      'max-transfer-rate': 10240,
    });
    expect(serializeElement(el)).toBe(
      '<snapmirror-update><destination-location>filerB:vol2</destination-location><max-transfer-rate>10240</max-transfer-rate></snapmirror-update>',
    );
    const results = readZapiResults(
      'f',
      'snapmirror-update',
      '<netapp version="1.7" xmlns="http://www.netapp.com/filer/admin"><results status="passed"/></netapp>',
    );
    expect(results.children).toEqual([]);
  });

  it('nests an element given as a value (the case the 2010 SDK needed a patch for) and builds the get-iter example', () => {
    const info = zapiElement('snapmirror-info', { 'destination-location': 'svmdst:voldst' });
    const built = zapiElement('snapmirror-get-iter', {
      query: info,
      'desired-attributes': {
        'snapmirror-info': { 'relationship-status': '', 'mirror-state': '', 'lag-time': '' },
      },
      'max-records': 100,
    });
    const sheet = parseXmlDocument(`<snapmirror-get-iter>
  <query><snapmirror-info><destination-location>svmdst:voldst</destination-location></snapmirror-info></query>
  <desired-attributes><snapmirror-info><relationship-status/><mirror-state/><lag-time/></snapmirror-info></desired-attributes>
  <max-records>100</max-records>
</snapmirror-get-iter>`);
    expect(shape(parseXmlDocument(serializeElement(built)))).toEqual(shape(sheet));
  });

  it('builds input arrays as repeated siblings and leaves out absent values (sheet 1.5)', () => {
    const el = zapiElement('snapmirror-get-iter', {
      query: { 'snapmirror-info': [{ 'destination-volume': 'a' }, { 'destination-volume': 'b' }] },
      tag: undefined,
      'max-records': null,
      expand: false,
    });
    expect(serializeElement(el)).toBe(
      '<snapmirror-get-iter><query><snapmirror-info><destination-volume>a</destination-volume></snapmirror-info>' +
        '<snapmirror-info><destination-volume>b</destination-volume></snapmirror-info></query><expand>false</expand></snapmirror-get-iter>',
    );
  });

  it('escapes & < > \' " and reads them back', () => {
    const text = `a&b <c> 'd' "e"`;
    const xml = serializeElement(zapiElement('x', { y: text }));
    expect(xml).toBe('<x><y>a&amp;b &lt;c&gt; &apos;d&apos; &quot;e&quot;</y></x>');
    expect(child(parseXmlDocument(xml), 'y')?.text).toBe(text);
  });

  it.each([
    [
      '<netapp xmlns="http://www.netapp.com/filer/admin"><results status="failed" errno="13112" reason="Initiator ... not found, please use default authentication." /></netapp>',
      13112,
      'Initiator ... not found, please use default authentication.',
    ],
    [
      '<?xml version="1.0" encoding="UTF-8"?><netapp version="1.21" xmlns="http://www.netapp.com/filer/admin"><results status="failed" errno="15698" reason="Vserver not found"/></netapp>',
      15698,
      'Vserver not found',
    ],
    [
      '<netapp><results status="failed"><errorno>13005</errorno><reason>Unable to find API: x</reason></results></netapp>',
      13005,
      'Unable to find API: x',
    ],
    ['<netapp><results status="weird"/></netapp>', -1, 'No reason given'],
  ])('turns a failed result into a ZapiError with errno and reason (%#)', (xml, errno, reason) => {
    let err: unknown;
    try {
      readZapiResults('filer1', 'some-api', xml);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ZapiError);
    expect(err).toMatchObject({ errno, reason });
  });

  it('reports an HTML page where XML was expected, and a wrong root element', () => {
    expect(() => readZapiResults('f', 'api', '<html><body>400 Bad Request</body>')).toThrow(
      OntapProtocolError,
    );
    expect(() => readZapiResults('f', 'api', '<html><body>400 Bad Request</body>')).toThrow(
      /expected a <netapp> document/,
    );
    expect(() => readZapiResults('f', 'api', '<foo/>')).toThrow(/root element is <foo>, expected <netapp>/);
    expect(() => readZapiResults('f', 'api', '<netapp/>')).toThrow(/no <results>/);
  });
});

describe('7-Mode snapmirror-get-status reply (sheet 2.3, captured values)', () => {
  const reply = `<netapp version="1.17" xmlns="http://www.netapp.com/filer/admin"><results status="passed">
  <is-available>true</is-available>
  <snapmirror-status>
    <snapmirror-status-info>
      <source-location>filer48:userhome_LCP</source-location>
      <destination-location>filer13:sm_filer48_userhome_LCP</destination-location>
      <state>snapmirrored</state><status>idle</status><contents>Replica</contents>
      <lag-time>469</lag-time><mirror-timestamp>1459751523</mirror-timestamp>
      <last-transfer-from>filer48:userhome_LCP</last-transfer-from>
      <last-transfer-size>1044</last-transfer-size><last-transfer-duration>7</last-transfer-duration>
      <last-transfer-type>scheduled</last-transfer-type><transfer-progress>0</transfer-progress>
      <base-snapshot>filer13(0536965720)_sm_filer48_userhome_LCP.1820</base-snapshot>
    </snapmirror-status-info>
  </snapmirror-status>
</results></netapp>`;

  it('parses into the contract with KB converted to bytes', () => {
    const rels = parseSevenModeStatus(readZapiResults('filer13', 'snapmirror-get-status', reply));
    expect(rels).toEqual([
      {
        source: 'filer48:userhome_LCP',
        destination: 'filer13:sm_filer48_userhome_LCP',
        state: 'snapmirrored',
        activity: 'idle',
        transferring: false,
        transferBytes: undefined,
        lagSeconds: 469,
        last: { bytes: 1044 * 1024, durationSeconds: 7, error: undefined },
        healthy: undefined,
        statusText: 'idle',
      },
    ]);
  });

  it.each([
    ['Transferring', 'transferring', true],
    ['Pending', 'pending', true],
    ['Pending with restart checkpoint', 'pending', true],
    ['Idle with restart checkpoint', 'idle', false],
    ['Quiescing', 'quiescing', true],
    ['Aborting', 'aborting', true],
    ['Transferring, Checking', 'transferring', true],
  ])('reads status "%s" case-insensitively as %s', (status, activity, transferring) => {
    const xml = reply.replace('<status>idle</status>', `<status>${status}</status>`);
    const [rel] = parseSevenModeStatus(readZapiResults('f', 'snapmirror-get-status', xml));
    expect(rel).toMatchObject({ activity, transferring });
  });

  it('reads an absent snapmirror-status as no relationships', () => {
    const xml = '<netapp><results status="passed"><is-available>true</is-available></results></netapp>';
    expect(parseSevenModeStatus(readZapiResults('f', 'snapmirror-get-status', xml))).toEqual([]);
  });
});

describe('clustered snapmirror-get-iter reply (sheet 3.3)', () => {
  const reply = `<netapp><results status="passed">
  <attributes-list><snapmirror-info>
    <destination-volume>fake_destination_volume</destination-volume><destination-vserver>fake_destination_vserver</destination-vserver>
    <is-healthy>true</is-healthy><lag-time>2187</lag-time><last-transfer-duration>109</last-transfer-duration>
    <last-transfer-end-timestamp>1442701890</last-transfer-end-timestamp><last-transfer-size>1171456</last-transfer-size>
    <last-transfer-type>initialize</last-transfer-type><max-transfer-rate>0</max-transfer-rate>
    <mirror-state>snapmirrored</mirror-state><relationship-control-plane>v2</relationship-control-plane>
    <relationship-id>ea8bfcc6-5f1d-11e5-8446-123478563412</relationship-id>
    <relationship-status>idle</relationship-status><relationship-type>data_protection</relationship-type>
    <schedule>daily</schedule><source-volume>fake_source_volume</source-volume><source-vserver>fake_source_vserver</source-vserver>
  </snapmirror-info></attributes-list>
  <num-records>1</num-records>
</results></netapp>`;

  it('parses into the contract (bytes stay bytes, locations from vserver and volume)', () => {
    const rels = parseClusterIter(readZapiResults('cl', 'snapmirror-get-iter', reply));
    expect(rels).toEqual([
      {
        source: 'fake_source_vserver:fake_source_volume',
        destination: 'fake_destination_vserver:fake_destination_volume',
        state: 'snapmirrored',
        activity: 'idle',
        transferring: false,
        transferBytes: undefined,
        lagSeconds: 2187,
        last: { bytes: 1171456, durationSeconds: 109, endTime: 1442701890_000, error: undefined },
        healthy: true,
        uuid: 'ea8bfcc6-5f1d-11e5-8446-123478563412',
        statusText: 'idle',
      },
    ]);
  });

  it('reads a queued transfer as counting against the limits', () => {
    const xml = reply.replace(
      '<relationship-status>idle</relationship-status>',
      '<relationship-status>queued</relationship-status>',
    );
    expect(parseClusterIter(readZapiResults('cl', 'x', xml))[0]).toMatchObject({
      activity: 'queued',
      transferring: true,
    });
  });
});

describe('REST (sheet 4)', () => {
  it('maps a relationship record: ISO lag, bytes, broken_off, the last transfer', () => {
    const rel = parseRestRelationship({
      uuid: 'u1',
      source: { path: 'svm1:src' },
      destination: { path: 'svm2:dst' },
      state: 'broken_off',
      healthy: false,
      unhealthy_reason: [{ code: '6621444', message: 'Transfer failed.' }],
      lag_time: 'PT8H35M42S',
      transfer: {
        state: 'failed',
        bytes_transferred: 12345,
        end_time: '2020-12-03T02:36:19-05:00',
        total_duration: 'PT28M41S',
      },
    });
    expect(rel).toMatchObject({
      source: 'svm1:src',
      destination: 'svm2:dst',
      state: 'broken-off',
      activity: 'idle',
      transferring: false,
      lagSeconds: 8 * 3600 + 35 * 60 + 42,
      healthy: false,
      last: {
        durationSeconds: 28 * 60 + 41,
        endTime: Date.parse('2020-12-03T07:36:19Z'),
        error: 'Transfer failed.',
      },
    });
    expect(
      parseRestRelationship({ state: 'snapmirrored', transfer: { state: 'queued', uuid: 't' } }),
    ).toMatchObject({
      activity: 'queued',
      transferring: true,
    });
    expect(parseRestRelationship({ state: 'paused' }).state).toBe('quiesced');
  });

  it('parses ISO-8601 durations', () => {
    expect(parseIsoDuration('PT8H35M42S')).toBe(30942);
    expect(parseIsoDuration('P2DT')).toBeUndefined();
    expect(parseIsoDuration('P2D')).toBe(172_800);
    expect(parseIsoDuration('PT0S')).toBe(0);
    expect(parseIsoDuration('8h')).toBeUndefined();
  });

  it('keeps the error body code as a string whether the wire sends a string or a number', () => {
    const a = new RestApiError('f', 'POST /x', 409, 'Transfer failed', String('13303844'));
    const b = new RestApiError('f', 'POST /x', 400, 'bad', String(2));
    expect(a).toMatchObject({ apiCode: '13303844', kind: 'transfer-in-progress', status: 409 });
    expect(b).toMatchObject({ apiCode: '2', kind: 'api' });
    expect(new RestApiError('f', 'GET /x', 401, 'nope')).toMatchObject({ kind: 'auth' });
  });
});
