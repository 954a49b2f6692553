// One ZAPI call: envelope out, <results> back; failures become ZapiError (errno, reason) or a
// protocol/transport error that says what was expected.
import { OntapProtocolError, ZapiError } from './errors.js';
import type { HttpAnswer, OntapHttp } from './http.js';
import {
  buildZapiRequest,
  child,
  ZAPI_PATH,
  type ZapiElement,
  type ZapiInput,
  zapiElement,
} from './zapi-element.js';
import { parseXmlDocument, XmlSyntaxError } from './zapi-parse.js';

export interface ZapiConnectionOptions {
  /** ONTAPI version requested ("major.minor"). */
  version: string;
  vfiler?: string | undefined;
}

export class ZapiConnection {
  constructor(
    private readonly http: OntapHttp,
    private readonly options: ZapiConnectionOptions,
  ) {}

  get peer(): string {
    return this.http.peer;
  }

  /**
   * Invokes one API, given as an element or as a name plus inputs (nested objects and elements allowed).
   * `idempotent` marks reads, which may be re-sent after a connection failure.
   */
  async invoke(api: ZapiElement | string, inputs?: ZapiInput, idempotent = false): Promise<ZapiElement> {
    const element = typeof api === 'string' ? zapiElement(api, inputs ?? {}) : api;
    const answer = await this.http.send({
      method: 'POST',
      path: ZAPI_PATH,
      headers: { 'Content-Type': 'text/xml; charset="UTF-8"' },
      body: buildZapiRequest(element, { version: this.options.version, vfiler: this.options.vfiler }),
      idempotent,
    });
    return readZapiAnswer(this.http.peer, element.name, answer);
  }
}

/** Turns an HTTP answer into the passed <results> element, or throws the matching typed error. */
export function readZapiAnswer(peer: string, api: string, answer: HttpAnswer): ZapiElement {
  if (answer.status === 401) throw new ZapiError(peer, api, 13002, 'Authorization failed');
  if (answer.status >= 500) {
    throw new OntapProtocolError(peer, `${api}: HTTP ${answer.status} from the ZAPI servlet`, {
      transient: true,
    });
  }
  if (answer.status !== 200) {
    throw new OntapProtocolError(
      peer,
      `${api}: HTTP ${answer.status}; expected 200 with a <netapp> XML document (${snippet(answer.body)})`,
    );
  }
  return readZapiResults(peer, api, answer.body);
}

/** Parses a response document and checks the envelope; returns <results> when status="passed". */
export function readZapiResults(peer: string, api: string, body: string): ZapiElement {
  let root: ZapiElement;
  try {
    root = parseXmlDocument(body);
  } catch (err) {
    const what = err instanceof XmlSyntaxError ? err.message : String(err);
    throw new OntapProtocolError(
      peer,
      `${api}: answer is not well-formed XML (${what}); expected a <netapp> document: ${snippet(body)}`,
      {
        cause: err,
      },
    );
  }
  if (root.name !== 'netapp') {
    throw new OntapProtocolError(peer, `${api}: root element is <${root.name}>, expected <netapp>`);
  }
  const results = child(root, 'results');
  if (!results) throw new OntapProtocolError(peer, `${api}: no <results> element in the answer`);
  if (results.attrs['status'] !== 'passed') {
    const errnoText = results.attrs['errno'] ?? child(results, 'errorno')?.text;
    const errno = errnoText === undefined || errnoText === '' ? -1 : Number(errnoText);
    const reason = results.attrs['reason'] ?? child(results, 'reason')?.text ?? 'No reason given';
    throw new ZapiError(peer, api, Number.isFinite(errno) ? errno : -1, reason);
  }
  return results;
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `"${flat.slice(0, 80)}..."` : `"${flat}"`;
}
