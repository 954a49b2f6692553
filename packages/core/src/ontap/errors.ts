// Typed ONTAP failures: callers branch on `kind`, ZapiError carries errno and reason, RestApiError the
// HTTP status and the ONTAP error code. Credentials never reach a message (core's redaction).
import { RemoteError } from '../errors.js';

/** What went wrong, independent of the dialect, for callers that branch on it. */
export type OntapFailureKind =
  | 'auth'
  | 'not-found'
  | 'not-initialized'
  | 'transfer-in-progress'
  | 'no-transfer'
  | 'quiesced'
  | 'unsupported'
  | 'api';

/** The filer answered and refused the call. */
export class OntapApiError extends RemoteError {
  readonly kind: OntapFailureKind;
  constructor(
    peer: string,
    message: string,
    options: { code: string; kind: OntapFailureKind; hint?: string | undefined; cause?: unknown },
  ) {
    super(peer, message, { code: options.code, hint: options.hint, cause: options.cause, transient: false });
    this.kind = options.kind;
  }
}

const ZAPI_KINDS: Record<number, OntapFailureKind> = {
  13002: 'auth',
  13003: 'auth',
  13005: 'unsupported',
  13012: 'unsupported',
  13040: 'not-found',
  13010: 'unsupported',
  15000: 'not-initialized',
  15661: 'not-found',
  15667: 'not-found',
  15685: 'transfer-in-progress',
  15698: 'not-found',
  17128: 'quiesced',
  17130: 'no-transfer',
  17131: 'transfer-in-progress',
  17137: 'transfer-in-progress',
};

/** A ZAPI call whose <results> said status="failed". */
export class ZapiError extends OntapApiError {
  readonly errno: number;
  readonly reason: string;
  readonly api: string;
  constructor(peer: string, api: string, errno: number, reason: string, hint?: string) {
    super(peer, `${api} failed: ${reason} (errno ${errno})`, {
      code: 'E_ZAPI',
      kind: ZAPI_KINDS[errno] ?? 'api',
      hint: hint ?? (errno === 13002 ? 'check the user and password configured for this filer' : undefined),
    });
    this.errno = errno;
    this.reason = reason;
    this.api = api;
  }
}

const REST_KINDS: Record<string, OntapFailureKind> = {
  '4': 'not-found',
  '6': 'auth',
  '13303812': 'not-initialized',
  '917536': 'transfer-in-progress',
};

/** The failure kind an ONTAP REST error code stands for, when it names one (job failures too). */
export function restCodeKind(code: string | undefined): OntapFailureKind | undefined {
  return code === undefined ? undefined : REST_KINDS[code];
}

/** A REST call answered with an error status and the {"error": {...}} body. */
export class RestApiError extends OntapApiError {
  readonly status: number;
  /** The ONTAP error code, as a string (the wire may carry a number). */
  readonly apiCode: string | undefined;
  readonly target: string | undefined;
  constructor(
    peer: string,
    request: string,
    status: number,
    message: string,
    apiCode?: string,
    target?: string,
  ) {
    const kind: OntapFailureKind =
      status === 401 || status === 403
        ? 'auth'
        : apiCode === '13303844'
          ? status === 409
            ? 'transfer-in-progress'
            : 'api'
          : ((apiCode ? REST_KINDS[apiCode] : undefined) ?? (status === 404 ? 'not-found' : 'api'));
    super(peer, `${request} failed: HTTP ${status}: ${message}${apiCode ? ` (code ${apiCode})` : ''}`, {
      code: 'E_ONTAP_REST',
      kind,
      hint: kind === 'auth' ? 'check the user and password configured for this filer' : undefined,
    });
    this.status = status;
    this.apiCode = apiCode;
    this.target = target;
  }
}

/** The filer answered something that is not the protocol: non-XML/JSON, a wrong envelope, a 5xx page. */
export class OntapProtocolError extends RemoteError {
  constructor(
    peer: string,
    message: string,
    options: { transient?: boolean; cause?: unknown; hint?: string } = {},
  ) {
    super(peer, message, { code: 'E_ONTAP_PROTOCOL', transient: options.transient ?? false, ...options });
  }
}

/** No answer: connection refused or reset, TLS failure, timeout. Transient except for TLS verification. */
export class OntapTransportError extends RemoteError {
  /** Whether the request may have reached the filer (it was sent before the failure). */
  readonly maybeDelivered: boolean;
  constructor(
    peer: string,
    message: string,
    options: { transient: boolean; maybeDelivered: boolean; cause?: unknown; hint?: string },
  ) {
    super(peer, message, { code: 'E_ONTAP_TRANSPORT', ...options });
    this.maybeDelivered = options.maybeDelivered;
  }
}
