// The ZAPI servlet: parses the <netapp> envelope, checks version and tunnelling, dispatches to the
// filer's dialect and wraps the outputs (or the failure) in <results>.
import {
  buildZapiResponse,
  failedResults,
  OntapFieldError,
  parseXmlDocument,
  passedResults,
  type ZapiElement,
  type ZapiInput,
} from '@opskit/core';
import type { SimModel } from './model.js';
import type { SimFiler } from './model-types.js';
import { handleSevenMode } from './zapi-7mode.js';
import { handleCluster } from './zapi-cluster.js';
import { ZapiFault } from './zapi-fault.js';

/** Highest ONTAPI version each dialect accepts (7-Mode 8.1.1 reported 1.17). */
const MAX_ONTAPI = { '7mode': [1, 17], 'cluster-zapi': [1, 31], rest: [1, 170] } as const;

export interface ZapiAnswer {
  /** The API name, for fault rules and logs ('' when the envelope was unusable). */
  api: string;
  xml: string;
}

export function handleZapiRequest(model: SimModel, filer: SimFiler, body: string): ZapiAnswer {
  const version = filer.dialect === '7mode' ? '1.17' : '1.31';
  let root: ZapiElement;
  try {
    root = parseXmlDocument(body);
  } catch (err) {
    return {
      api: '',
      xml: buildZapiResponse(
        failedResults(13001, `Unable to parse request: ${(err as Error).message}`),
        version,
      ),
    };
  }
  const api = root.children[0];
  if (root.name !== 'netapp' || !api || root.children.length !== 1) {
    return {
      api: '',
      xml: buildZapiResponse(failedResults(13001, 'Expected one API element inside <netapp>'), version),
    };
  }
  try {
    checkVersion(filer, root.attrs['version']);
    const vfiler = root.attrs['vfiler'] || undefined;
    if (vfiler && !filer.svms.some((s) => s.toLowerCase() === vfiler.toLowerCase())) {
      throw filer.dialect === '7mode'
        ? new ZapiFault(13001, `Unable to set vfiler context: vfiler ${vfiler} not found`)
        : new ZapiFault(15698, `Vserver ${vfiler} not found`);
    }
    const outputs: ZapiInput =
      filer.dialect === '7mode'
        ? handleSevenMode(model, filer, api, vfiler)
        : handleCluster(model, filer, api, vfiler);
    return { api: api.name, xml: buildZapiResponse(passedResults(outputs), version) };
  } catch (err) {
    if (err instanceof OntapFieldError) {
      // an input holding the wrong kind of value, e.g. <max-records>ten</max-records>
      const reason = `Invalid value specified for "${err.field.replace(/[<>]/g, '')}" element`;
      return { api: api.name, xml: buildZapiResponse(failedResults(13115, reason), version) };
    }
    if (!(err instanceof ZapiFault)) throw err;
    return { api: api.name, xml: buildZapiResponse(failedResults(err.errno, err.reason), version) };
  }
}

function checkVersion(filer: SimFiler, requested: string | undefined): void {
  const m = /^(\d+)\.(\d+)$/.exec(requested ?? '');
  if (!m) throw new ZapiFault(13010, `Invalid ONTAPI version "${requested ?? ''}"`);
  const [major, minor] = MAX_ONTAPI[filer.dialect];
  const ok = Number(m[1]) < major || (Number(m[1]) === major && Number(m[2]) <= minor);
  if (!ok)
    throw new ZapiFault(13010, `ONTAPI version ${requested} is not supported (highest ${major}.${minor})`);
}
