// HTTP(S) transport shared by the ZAPI and REST dialects: basic auth, TLS verification (CA file or an
// explicit insecure flag), connect and read timeouts, and retries on connection-level failures only.
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ConfigError } from '../errors.js';
import { silentLogger } from '../log.js';
import { registerSecret } from '../redact.js';
import type { OntapClientDeps, OntapCredentials, ResolvedFilerConfig } from './config.js';
import { OntapTransportError } from './errors.js';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Safe to send again after an unanswered attempt (reads). */
  idempotent: boolean;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Whether a connection error is the client refusing the filer's certificate (never retried): every
 * OpenSSL verification result (CERT_*, UNABLE_TO_*, the self-signed and chain codes, ...) and Node's
 * ERR_TLS_* checks, except the handshake timeout, which is a connection-level failure.
 */
export function isTlsVerificationFailure(code: string): boolean {
  if (code === 'ERR_TLS_HANDSHAKE_TIMEOUT') return false;
  return (
    code.startsWith('CERT_') ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('UNABLE_TO_') ||
    TLS_VERIFY_CODES.has(code)
  );
}

/** OpenSSL verification results outside the CERT_ / UNABLE_TO_ families. */
const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'KEYUSAGE_NO_CERTSIGN',
]);

const DATE_CODES = new Set([
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
]);

function tlsHint(code: string): string {
  const ca =
    'give the CA that signed the filer certificate with caFile (or set insecure to skip verification, not recommended)';
  return DATE_CODES.has(code)
    ? `the certificate is outside its validity dates: check the clocks of this host and the filer, and renew the filer certificate; ${ca}`
    : ca;
}

/** One filer's transport. Each call opens its own connection (a poll a minute needs no pooling). */
export class OntapHttp {
  readonly peer: string;
  private readonly ca: string | undefined;
  private readonly auth: string;

  constructor(
    private readonly config: ResolvedFilerConfig,
    credentials: OntapCredentials,
    private readonly deps: OntapClientDeps = {},
  ) {
    this.peer = `${config.name} (${config.protocol}://${config.host}:${config.port})`;
    registerSecret(credentials.password);
    this.auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    registerSecret(this.auth.slice(6));
    if (config.caFile) {
      try {
        this.ca = readFileSync(config.caFile, 'utf8');
      } catch (err) {
        throw new ConfigError(`cannot read CA file: ${(err as NodeJS.ErrnoException).code ?? err}`, {
          file: config.caFile,
          field: 'caFile',
        });
      }
    } else {
      this.ca = config.ca;
    }
    if (config.protocol === 'https' && config.insecure) {
      (deps.log ?? silentLogger).warn('TLS certificate verification is OFF for this filer', {
        filer: config.name,
      });
    }
  }

  /** Sends the call, retrying with backoff while the failure is connection-level and a retry is safe. */
  async send(call: HttpCall): Promise<HttpAnswer> {
    const release = holdClock(this.deps.clock);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.once(call);
        } catch (err) {
          const safe =
            err instanceof OntapTransportError && err.transient && (!err.maybeDelivered || call.idempotent);
          if (!safe || attempt >= this.config.retries) throw err;
          const delay = this.config.retryDelayMs * 2 ** attempt;
          (this.deps.log ?? silentLogger).info('retrying after a connection failure', {
            filer: this.config.name,
            attempt: attempt + 1,
            delayMs: delay,
            error: (err as Error).message,
          });
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    } finally {
      release();
    }
  }

  private once(call: HttpCall): Promise<HttpAnswer> {
    const { config } = this;
    const headers: Record<string, string> = {
      Authorization: this.auth,
      'X-Dot-Client-App': 'opskit',
      ...call.headers,
    };
    if (call.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(call.body));
    const options: RequestOptions & { ca?: string; rejectUnauthorized?: boolean; servername?: string } = {
      host: config.host,
      port: config.port,
      method: call.method,
      path: call.path,
      headers,
      agent: false,
    };
    if (config.protocol === 'https') {
      options.rejectUnauthorized = !config.insecure;
      if (this.ca) options.ca = this.ca;
    }
    const send = config.protocol === 'https' ? httpsRequest : httpRequest;
    return new Promise<HttpAnswer>((resolve, reject) => {
      let connected = false;
      let settled = false;
      const fail = (message: string, transient: boolean, cause?: unknown, hint?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(
          new OntapTransportError(this.peer, message, { transient, maybeDelivered: connected, cause, hint }),
        );
      };
      let timer = setTimeout(
        () => fail(`no connection within ${config.connectTimeoutMs} ms`, true),
        config.connectTimeoutMs,
      );
      const req = send(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => fail(`response interrupted: ${err.message}`, true, err));
        res.on('aborted', () => fail('response interrupted: connection closed mid-answer', true));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.on('socket', (socket) => {
        const onConnected = () => {
          connected = true;
          clearTimeout(timer);
          timer = setTimeout(
            () => fail(`no answer within ${config.requestTimeoutMs} ms`, true),
            config.requestTimeoutMs,
          );
        };
        socket.once(config.protocol === 'https' ? 'secureConnect' : 'connect', onConnected);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        const code = err.code ?? '';
        if (isTlsVerificationFailure(code)) {
          fail(`TLS certificate verification failed: ${code}: ${err.message}`, false, err, tlsHint(code));
          return;
        }
        fail(`connection failed: ${code || err.message}`, true, err);
      });
      if (call.body !== undefined) req.write(call.body);
      req.end();
    });
  }
}

function holdClock(clock: unknown): () => void {
  const hold = (clock as { hold?: () => () => void } | undefined)?.hold;
  return typeof hold === 'function' ? hold.call(clock) : () => {};
}
