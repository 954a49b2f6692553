// createSnapMirrorClient: the dialect from configuration, or detected (REST first, then ZAPI system-get-version).
import type { OntapClientDeps, OntapCredentials, OntapFilerConfig, ResolvedFilerConfig } from './config.js';
import { resolveFilerConfig } from './config.js';
import { type CredentialsSource, loadOntapCredentials } from './credentials.js';
import { OntapProtocolError, RestApiError, ZapiError } from './errors.js';
import { OntapHttp } from './http.js';
import { RestClient } from './rest.js';
import { RestConnection } from './rest-connection.js';
import type { OntapDialect, SnapMirrorClient } from './types.js';
import { SevenModeClient } from './zapi-7mode.js';
import { ClusterZapiClient } from './zapi-cluster.js';
import { ZapiConnection } from './zapi-connection.js';
import { childBoolean } from './zapi-element.js';

/** ONTAPI versions requested: 1.7 (vFiler tunnelling on 7-Mode), 1.20 (clustered snapmirror v2, Vserver tunnelling). */
export const ONTAPI_VERSION = { '7mode': '1.7', 'cluster-zapi': '1.20' } as const;

export interface CreateClientOptions extends OntapClientDeps {
  /** Where credentials come from when the config has none. */
  credentials?: CredentialsSource | undefined;
}

/** Builds the client for one filer; resolves credentials and, for dialect 'auto', asks the filer. */
export async function createSnapMirrorClient(
  config: OntapFilerConfig,
  options: CreateClientOptions = {},
): Promise<SnapMirrorClient> {
  const resolved = resolveFilerConfig(config);
  const credentials = config.credentials ?? (await loadOntapCredentials(config.name, options.credentials));
  const http = new OntapHttp(resolved, credentials, options);
  const dialect =
    resolved.dialect && resolved.dialect !== 'auto' ? resolved.dialect : await detectDialect(http);
  return clientFor(dialect, resolved, http);
}

/** Builds a client for a known dialect over an existing transport (no network traffic). */
export function clientFor(
  dialect: OntapDialect,
  config: ResolvedFilerConfig,
  http: OntapHttp,
): SnapMirrorClient {
  switch (dialect) {
    case 'rest':
      return new RestClient(config.name, new RestConnection(http, config.vfiler), config.pageSize ?? 10_000);
    case 'cluster-zapi':
      return new ClusterZapiClient(
        config.name,
        new ZapiConnection(http, { version: ONTAPI_VERSION['cluster-zapi'], vfiler: config.vfiler }),
        config.pageSize ?? 1000,
      );
    case '7mode':
      return new SevenModeClient(
        config.name,
        new ZapiConnection(http, { version: ONTAPI_VERSION['7mode'], vfiler: config.vfiler }),
        config.systemName ?? config.vfiler ?? config.name,
      );
  }
}

/** REST `GET /api/cluster` first; a 404 or a non-JSON answer means no REST, so ask ZAPI system-get-version. */
export async function detectDialect(http: OntapHttp): Promise<OntapDialect> {
  try {
    const { body } = await new RestConnection(http).call<{ version?: { full?: string } }>(
      'GET',
      '/api/cluster?fields=version',
    );
    if (body.version) return 'rest';
  } catch (err) {
    if (err instanceof RestApiError && err.kind === 'auth') throw err;
    if (!(err instanceof RestApiError) && !(err instanceof OntapProtocolError)) throw err;
  }
  const zapi = new ZapiConnection(http, { version: ONTAPI_VERSION['7mode'] });
  try {
    const results = await zapi.invoke('system-get-version', {}, true);
    return childBoolean(results, 'is-clustered') ? 'cluster-zapi' : '7mode';
  } catch (err) {
    if (err instanceof ZapiError) throw err;
    throw new OntapProtocolError(
      http.peer,
      `neither REST nor ZAPI answered as expected: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

export type { OntapCredentials };
