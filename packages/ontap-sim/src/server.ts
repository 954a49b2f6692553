// One HTTP(S) listener per filer on 127.0.0.1: authentication, fault rules, and routing to the ZAPI
// servlet or the REST API. The model is brought to clock.now() before each request is answered.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type Clock, type Logger, silentLogger, ZAPI_PATH } from '@opskit/core';
import { actsAfterProcessing, badField, type FaultRule, repeatTag, takeFault, truncate } from './faults.js';
import type { SimModel } from './model.js';
import type { SimFiler } from './model-types.js';
import { RestHandler } from './rest-handler.js';
import { handleZapiRequest } from './zapi-handler.js';

export interface TlsMaterial {
  key: string;
  cert: string;
}

export interface FilerServer {
  server: Server;
  port: number;
  rules: FaultRule[];
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A filer's web server does not take requests of any size. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const HTML_401 =
  '<html><head><title>401 Unauthorized</title></head><body><h1>Unauthorized</h1></body></html>';

export async function startFilerServer(
  model: SimModel,
  filer: SimFiler,
  clock: Clock,
  options: { host: string; port: number; tls?: TlsMaterial | undefined; log?: Logger | undefined },
): Promise<FilerServer> {
  const log = (options.log ?? silentLogger).child({ filer: filer.name });
  const rest = new RestHandler(model, filer);
  const rules: FaultRule[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const expected = `Basic ${Buffer.from(`${filer.credentials.username}:${filer.credentials.password}`).toString('base64')}`;

  const answer = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    model.advanceTo(clock.now());
    filer.requests++;
    if (model.now < filer.downUntil) {
      req.socket.destroy();
      return;
    }
    const isZapi = req.url === ZAPI_PATH;
    const api = isZapi ? (/<netapp[^>]*>\s*<([\w-]+)/.exec(body)?.[1] ?? '') : (req.url ?? '');
    const fault = takeFault(rules, model.now, api, (r) => !actsAfterProcessing(r.kind));
    log.debug('request', { method: req.method, url: req.url, api, fault: fault?.kind });
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    let reply: Reply;
    let processed = false;
    if (fault?.kind === 'http-error') {
      reply = html(fault.status, `<html><body><h1>${fault.status} Service Unavailable</h1></body></html>`);
    } else if (fault?.kind === 'wrong-credentials' || req.headers.authorization !== expected) {
      reply =
        isZapi || filer.dialect !== 'rest' || !req.url?.startsWith('/api')
          ? {
              ...html(401, HTML_401),
              headers: { 'Content-Type': 'text/html', 'WWW-Authenticate': 'Basic realm="Administrator"' },
            }
          : json(401, { error: { message: 'not authorized for that command', code: '6' } });
    } else {
      reply = route(req, body);
      processed = true;
    }
    if (processed) {
      // faults on the answer of a call the filer carried out
      const exchange = { zapi: isZapi, url: req.url ?? '', body, answer: reply.body };
      let rewritten: string | undefined;
      const after = takeFault(rules, model.now, api, (r) => {
        if (!actsAfterProcessing(r.kind)) return false;
        if (r.kind === 'reset-after') return true;
        rewritten =
          r.kind === 'repeat-tag'
            ? repeatTag(exchange)
            : r.kind === 'bad-field'
              ? badField(exchange, r.field, r.value)
              : undefined;
        return rewritten !== undefined;
      });
      if (after) log.debug('fault on the answer', { api, fault: after.kind });
      if (after?.kind === 'reset-after') {
        // the filer carried the call out; its answer is lost with the connection
        req.socket.destroy();
        return;
      }
      if (after) reply.body = rewritten!;
    }
    if (fault?.kind === 'malformed') reply.body = truncate(reply.body);
    if (fault?.kind === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(res, reply);
      }, fault.delayMs);
      timers.add(timer);
      return;
    }
    send(res, reply);
  };

  const route = (req: IncomingMessage, body: string): Reply => {
    if (req.url === ZAPI_PATH) {
      if (req.method !== 'POST') return html(405, '<html><body>Method Not Allowed</body></html>');
      const { xml } = handleZapiRequest(model, filer, body);
      return { status: 200, headers: { 'Content-Type': 'text/xml; charset=UTF-8' }, body: xml };
    }
    if (req.url?.startsWith('/api') && filer.dialect === 'rest') {
      const svm = headerValue(req.headers['x-dot-svm-name']);
      const r = rest.handle(req.method ?? 'GET', req.url, body, svm);
      return {
        ...json(r.status, r.body),
        headers: { 'Content-Type': 'application/hal+json', ...(r.headers ?? {}) },
      };
    }
    return html(404, '<html><head><title>404 Not Found</title></head><body>Not Found</body></html>');
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        send(res, html(413, '<html><body>Request Entity Too Large</body></html>'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      try {
        answer(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        log.error('simulator bug', { error: (err as Error).stack ?? String(err) });
        send(res, html(500, '<html><body>Internal Server Error</body></html>'));
      }
    });
  };
  const server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    rules,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function html(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'text/html' }, body };
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, {
    ...reply.headers,
    'Content-Length': Buffer.byteLength(reply.body),
    Connection: 'close',
  });
  res.end(reply.body);
}
