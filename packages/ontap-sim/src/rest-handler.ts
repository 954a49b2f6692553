// The REST API of an ONTAP 9 filer: cluster version, SnapMirror relationships (fields, filters,
// max_records paging by start.uuid), transfers (start with throttle, abort by PATCH) and jobs.

import { SimFailure, type SimModel } from './model.js';
import { deterministicUuid } from './model-build.js';
import type { SimFiler, SimRelationship } from './model-types.js';
import { matchesWildcards } from './query-match.js';
import { fieldValue, type Json, pickFields, restRelationship, restTime, restTransfer } from './rest-views.js';

export interface RestReply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

const CONTROL_PARAMS = new Set([
  'fields',
  'max_records',
  'return_records',
  'return_timeout',
  'order_by',
  'start.uuid',
  'list_destinations_only',
]);

function error(status: number, message: string, code: string, target?: string): RestReply {
  return { status, body: { error: { message, code, ...(target ? { target } : {}) } } };
}

export class RestHandler {
  private readonly jobs = new Map<string, Json>();
  /** Polls a job still answers "running" to. */
  private readonly runningPolls = new Map<string, number>();
  private jobSeq = 0;

  constructor(
    private readonly model: SimModel,
    private readonly filer: SimFiler,
  ) {}

  handle(method: string, rawUrl: string, body: string, svm: string | undefined): RestReply {
    const url = new URL(rawUrl, 'http://filer');
    const path = url.pathname.replace(/\/+$/, '');
    let input: Json = {};
    if (body.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
          return error(400, 'Request body must be a JSON object', '2');
        input = parsed as Json;
      } catch {
        return error(400, 'Invalid JSON input', '2');
      }
    }
    if (svm && !this.filer.svms.some((s) => s.toLowerCase() === svm.toLowerCase())) {
      return error(404, `SVM "${svm}" not found`, '2621462');
    }
    const m = /^\/api\/snapmirror\/relationships(?:\/([^/]+)(?:\/transfers(?:\/([^/]+))?)?)?$/.exec(path);
    if (path === '/api/cluster' && method === 'GET') return { status: 200, body: this.cluster() };
    const job = /^\/api\/cluster\/jobs\/([^/]+)$/.exec(path);
    if (job && method === 'GET') {
      const found = this.jobState(job[1]!);
      return found ? { status: 200, body: found } : error(404, 'Job not found', '4');
    }
    if (!m) return error(404, `API not found: ${path}`, '4');
    const [, relUuid, transferUuid] = m;
    const isTransfers = path.includes('/transfers');
    if (!relUuid) {
      if (method === 'GET') return this.listRelationships(url, svm);
      return error(405, `method ${method} not allowed`, '3');
    }
    const rel = this.model.relationships.find(
      (r) =>
        r.uuid === relUuid &&
        r.destinationFiler === this.filer.name &&
        (!svm || r.destinationSystem === svm.toLowerCase()),
    );
    if (!rel) return error(404, `Relationship with UUID "${relUuid}" not found`, '4', 'uuid');
    if (!isTransfers) {
      if (method === 'GET') return { status: 200, body: restRelationship(this.model, rel) };
      if (method === 'PATCH') {
        const state = input['state'];
        try {
          if (state === 'paused') this.model.quiesce(rel);
          else if (state === 'snapmirrored' && rel.state === 'quiesced') this.model.resume(rel);
          else if (state === 'snapmirrored' && rel.state === 'uninitialized')
            this.model.requestTransfer(rel, 'initialize');
          else if (state !== undefined && state !== 'snapmirrored')
            return error(400, `Unsupported state "${String(state)}"`, '2', 'state');
        } catch (err) {
          return this.failure(err);
        }
        return { status: 202, body: { job: this.job(`PATCH /api/snapmirror/relationships/${rel.uuid}`) } };
      }
      return error(405, `method ${method} not allowed`, '3');
    }
    if (!transferUuid) {
      if (method === 'GET') {
        const records = this.model.transfers
          .filter(
            (t) =>
              t.relationship === rel && (t === rel.active || (t.endedAt ?? 0) > this.model.now - 86_400_000),
          )
          .map((t) => ({
            ...restTransfer(this.model, t, true),
            relationship: { uuid: rel.uuid, destination: { path: rel.destination } },
          }));
        return { status: 200, body: { records, num_records: records.length } };
      }
      if (method === 'POST') {
        const throttle = input['throttle'];
        const kbps = throttle === undefined ? 0 : Number(throttle);
        if (!Number.isFinite(kbps) || kbps < 0)
          return error(400, 'Invalid value for field "throttle"', '2', 'throttle');
        if (this.filer.restTransferJobs) return this.transferJob(rel, kbps);
        try {
          const t = this.model.requestTransfer(
            rel,
            rel.state === 'uninitialized' ? 'initialize' : 'update',
            kbps,
          );
          const location = `/api/snapmirror/relationships/${rel.uuid}/transfers/${t.uuid}`;
          return { status: 201, headers: { Location: location }, body: {} };
        } catch (err) {
          return this.failure(err);
        }
      }
      return error(405, `method ${method} not allowed`, '3');
    }
    const t = this.model.transfers.find((x) => x.uuid === transferUuid && x.relationship === rel);
    if (!t) return error(404, `Transfer "${transferUuid}" not found`, '4', 'uuid');
    if (method === 'GET') return { status: 200, body: restTransfer(this.model, t, true) };
    if (method === 'PATCH') {
      const state = input['state'];
      if (state !== 'aborted' && state !== 'hard_aborted')
        return error(400, 'state must be "aborted" or "hard_aborted"', '2', 'state');
      if (t !== rel.active) return error(400, 'No transfer is in progress', '13303818');
      this.model.abort(rel, 'Transfer aborted by user');
      if (state === 'hard_aborted') rel.checkpointBytes = 0;
      return { status: 200, body: {} };
    }
    return error(405, `method ${method} not allowed`, '3');
  }

  private cluster(): Json {
    const m = /(\d+)\.(\d+)\.(\d+)/.exec(this.filer.version);
    return {
      name: this.filer.name,
      uuid: deterministicUuid(`cluster-${this.filer.name}`),
      version: {
        full: this.filer.version,
        generation: Number(m?.[1] ?? 9),
        major: Number(m?.[2] ?? 13),
        minor: Number(m?.[3] ?? 1),
      },
      _links: { self: { href: '/api/cluster' } },
    };
  }

  private listRelationships(url: URL, svm: string | undefined): RestReply {
    const params = url.searchParams;
    const fields = params
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    const maxText = params.get('max_records');
    const max = maxText === null ? 10_000 : Number(maxText);
    if (!Number.isInteger(max) || max < 1)
      return error(400, 'Invalid value for max_records', '2', 'max_records');
    const filters = [...params.entries()].filter(([k]) => !CONTROL_PARAMS.has(k));
    const start = params.get('start.uuid');
    const all = this.model.relationships
      .filter(
        (r) => r.destinationFiler === this.filer.name && (!svm || r.destinationSystem === svm.toLowerCase()),
      )
      .map((r) => restRelationship(this.model, r))
      .filter((rec) => filters.every(([k, v]) => matches(fieldValue(rec, k), v)))
      .sort((a, b) => String(a['uuid']).localeCompare(String(b['uuid'])));
    const from = start ? all.findIndex((r) => String(r['uuid']) >= start) : 0;
    const page = from < 0 ? [] : all.slice(from, from + max);
    const body: Json = { records: page.map((r) => pickFields(r, fields)), num_records: page.length };
    const nextRecord = from < 0 ? undefined : all[from + max];
    const links: Json = { self: { href: url.pathname + url.search } };
    if (nextRecord) {
      const next = new URLSearchParams(params);
      next.set('start.uuid', String(nextRecord['uuid']));
      links['next'] = { href: `${url.pathname}?${next.toString()}` };
    }
    body['_links'] = links;
    return { status: 200, body };
  }

  /**
   * POST .../transfers answered the asynchronous way: 202 and a job. The filer decides at once; the
   * job reports "running" at its first poll, then success, or failure with the refusal's message and
   * code, so only a client that waits for the job learns the outcome.
   */
  private transferJob(rel: SimRelationship, kbps: number): RestReply {
    const description = `POST /api/snapmirror/relationships/${rel.uuid}/transfers`;
    try {
      const t = this.model.requestTransfer(
        rel,
        rel.state === 'uninitialized' ? 'initialize' : 'update',
        kbps,
      );
      return {
        status: 202,
        body: { job: this.job(description, { message: `Transfer ${t.uuid} started` }, 1) },
      };
    } catch (err) {
      const refusal = this.failure(err).body['error'] as { message: string; code: string };
      const outcome = { state: 'failure' as const, message: refusal.message, code: Number(refusal.code) };
      return { status: 202, body: { job: this.job(description, outcome, 1) } };
    }
  }

  private job(
    description: string,
    outcome: { state?: 'success' | 'failure'; message?: string; code?: number } = {},
    runningPolls = 0,
  ): Json {
    const uuid = deterministicUuid(`job-${this.filer.name}-${++this.jobSeq}`);
    const now = restTime(this.model.now);
    this.jobs.set(uuid, {
      uuid,
      description,
      state: outcome.state ?? 'success',
      message: outcome.message ?? 'success',
      code: outcome.code ?? 0,
      start_time: now,
      end_time: now,
    });
    if (runningPolls > 0) this.runningPolls.set(uuid, runningPolls);
    return { uuid, _links: { self: { href: `/api/cluster/jobs/${uuid}` } } };
  }

  /** GET of a job: "running" while it has running polls left, then its outcome. */
  private jobState(uuid: string): Json | undefined {
    const found = this.jobs.get(uuid);
    const left = this.runningPolls.get(uuid) ?? 0;
    if (!found || left <= 0) return found;
    if (left === 1) this.runningPolls.delete(uuid);
    else this.runningPolls.set(uuid, left - 1);
    const { end_time: _end, ...running } = found;
    return { ...running, state: 'running', message: 'Job is running', code: 0 };
  }

  private failure(err: unknown): RestReply {
    if (!(err instanceof SimFailure)) throw err;
    switch (err.reason) {
      case 'in-progress':
        return error(409, `Transfer failed: ${err.message}`, '13303844');
      case 'not-initialized':
        return error(400, err.message, '13303812');
      case 'no-transfer':
        return error(400, err.message, '13303818');
      default:
        return error(400, err.message, '13303844');
    }
  }
}

/** REST filter values: ZAPI-style wildcards and alternatives, and `!` negating the whole value. */
function matches(value: unknown, pattern: string): boolean {
  if (pattern.startsWith('!')) return !matches(value, pattern.slice(1));
  return matchesWildcards(value, pattern);
}
