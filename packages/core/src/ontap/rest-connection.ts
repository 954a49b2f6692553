// ONTAP REST calls: JSON in and out, {"error": {...}} bodies become RestApiError, async jobs are awaited.
import { OntapApiError, OntapProtocolError, RestApiError, restCodeKind } from './errors.js';
import type { OntapHttp } from './http.js';

export interface RestAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  location: string | undefined;
}

export class RestConnection {
  constructor(
    private readonly http: OntapHttp,
    private readonly svm?: string | undefined,
    private readonly jobPollMs = 1000,
    private readonly jobTimeoutMs = 120_000,
  ) {}

  get peer(): string {
    return this.http.peer;
  }

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<RestAnswer<T>> {
    const headers: Record<string, string> = { Accept: 'application/hal+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.svm) headers['X-Dot-SVM-Name'] = this.svm;
    const answer = await this.http.send({
      method,
      path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      idempotent: method === 'GET',
    });
    const request = `${method} ${path.split('?')[0]}`;
    const parsed = parseJson(this.peer, request, answer.status, answer.body);
    if (answer.status >= 200 && answer.status < 300) {
      if (parsed === undefined || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new OntapProtocolError(
          this.peer,
          `${request}: expected a JSON object, got ${describe(answer.body)}`,
        );
      }
      const location = answer.headers['location'];
      return {
        status: answer.status,
        body: parsed as T,
        location: typeof location === 'string' ? location : undefined,
      };
    }
    const error = (parsed as { error?: { message?: unknown; code?: unknown; target?: unknown } } | undefined)
      ?.error;
    if (error && typeof error === 'object') {
      throw new RestApiError(
        this.peer,
        request,
        answer.status,
        String(error.message ?? 'no message'),
        error.code === undefined ? undefined : String(error.code),
        error.target === undefined ? undefined : String(error.target),
      );
    }
    if (answer.status >= 500) {
      throw new OntapProtocolError(this.peer, `${request}: HTTP ${answer.status} without an error body`, {
        transient: true,
      });
    }
    throw new RestApiError(this.peer, request, answer.status, `no error body (${describe(answer.body)})`);
  }

  /** Waits for the job a 202 answer referred to; throws when it ends in failure. */
  async waitForJob(job: { uuid?: unknown; _links?: { self?: { href?: unknown } } }): Promise<void> {
    const href =
      typeof job._links?.self?.href === 'string'
        ? job._links.self.href
        : `/api/cluster/jobs/${String(job.uuid)}`;
    const until = Date.now() + this.jobTimeoutMs;
    for (;;) {
      const { body } = await this.call<{ state?: string; message?: string; code?: unknown }>('GET', href);
      if (body.state === 'success') return;
      if (body.state === 'failure') {
        const code = body.code === undefined || body.code === null ? undefined : String(body.code);
        throw new OntapApiError(
          this.peer,
          `job ${String(job.uuid)} failed: ${body.message ?? 'no message'}${code ? ` (code ${code})` : ''}`,
          { code: 'E_ONTAP_JOB', kind: restCodeKind(code) ?? 'api' },
        );
      }
      if (Date.now() > until) {
        throw new OntapProtocolError(
          this.peer,
          `job ${String(job.uuid)} still ${body.state} after ${this.jobTimeoutMs} ms`,
          {
            transient: true,
          },
        );
      }
      await new Promise((r) => setTimeout(r, this.jobPollMs));
    }
  }
}

function parseJson(peer: string, request: string, status: number, text: string): unknown {
  if (text.trim() === '') return status >= 200 && status < 300 ? {} : undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    if (status >= 200 && status < 300) {
      throw new OntapProtocolError(
        peer,
        `${request}: answer is not valid JSON (${(err as Error).message}); expected a JSON object: ${describe(text)}`,
        { cause: err },
      );
    }
    return undefined;
  }
}

function describe(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `"${flat.slice(0, 80)}..."` : `"${flat}"`;
}
