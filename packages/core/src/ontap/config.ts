// Per-filer client configuration: where the filer is, how to reach it, and who to log in as.
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { OntapDialect } from './types.js';

export interface OntapCredentials {
  username: string;
  password: string;
}

export interface OntapFilerConfig {
  /** The filer's name: the label in logs, the prefix of its 7-Mode locations, the credentials key. */
  name: string;
  /** Host name or address of the management interface (default: name). */
  host?: string | undefined;
  /** TCP port (default 443 for https, 80 for http). */
  port?: number | undefined;
  /** Default https: clustered ONTAP 9 needs plain HTTP switched on explicitly. */
  protocol?: 'http' | 'https' | undefined;
  /** 'auto' (default) asks REST first, then ZAPI system-get-version. */
  dialect?: OntapDialect | 'auto' | undefined;
  /** Login; when absent, credentials come from the credentials loader. */
  credentials?: OntapCredentials | undefined;
  /** PEM file of the CA that signed the filer's certificate. */
  caFile?: string | undefined;
  /** PEM text of that CA (instead of caFile). */
  ca?: string | undefined;
  /** Skip TLS certificate verification (logs a warning on every client created). */
  insecure?: boolean | undefined;
  /** vFiler (7-Mode) or Vserver/SVM (clustered, REST) to tunnel to. */
  vfiler?: string | undefined;
  /**
   * 7-Mode: the system name the filer writes in its locations, to tell its own destinations from
   * pairs where it is only the source (default: the vFiler, else the first label of `name`).
   */
  systemName?: string | undefined;
  /** Milliseconds to establish the TCP/TLS connection (default 10 000). */
  connectTimeoutMs?: number | undefined;
  /** Milliseconds for the filer to answer once the request is sent (default 60 000). */
  requestTimeoutMs?: number | undefined;
  /** Retries after connection-level failures (default 2); answered calls are never repeated. */
  retries?: number | undefined;
  /** First backoff delay in ms, doubled on each retry (default 500). */
  retryDelayMs?: number | undefined;
  /** Records per page for snapmirror-get-iter (default 1000) and REST max_records (default 10 000). */
  pageSize?: number | undefined;
}

/** Runtime collaborators that are not configuration. */
export interface OntapClientDeps {
  log?: Logger | undefined;
  /** Marks network calls in flight on a VirtualClock (hold) so auto mode waits for them. */
  clock?: Clock | undefined;
}

export interface ResolvedFilerConfig extends OntapFilerConfig {
  host: string;
  port: number;
  protocol: 'http' | 'https';
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

export function resolveFilerConfig(config: OntapFilerConfig): ResolvedFilerConfig {
  const protocol = config.protocol ?? 'https';
  return {
    ...config,
    host: config.host ?? config.name,
    protocol,
    port: config.port ?? (protocol === 'https' ? 443 : 80),
    connectTimeoutMs: config.connectTimeoutMs ?? 10_000,
    requestTimeoutMs: config.requestTimeoutMs ?? 60_000,
    retries: config.retries ?? 2,
    retryDelayMs: config.retryDelayMs ?? 500,
  };
}
