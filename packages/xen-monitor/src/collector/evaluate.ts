// Turns the records read from xenstore into per-domain results. Pure: the dom0's clock and the previous
// state in, the report and the next state out. Staleness is judged by when dom0 last saw the record
// change, never by the time the guest wrote into it.
import { createHash } from 'node:crypto';
import { type NagiosStatus, worstStatus } from '@opskit/core';
import type { CheckResult } from '../checks/types.js';
import { cleanText, parseRecord, RECORD_MAX_BYTES } from '../record.js';
import type { DomainInfo } from './domains.js';

export type RecordState = 'ok' | 'stale' | 'missing' | 'malformed' | 'new' | 'unreadable';

export interface DomainResult {
  name: string;
  uuid?: string | undefined;
  domid: number;
  record: RecordState;
  /** Seconds since dom0 last saw the record change. */
  ageSeconds?: number | undefined;
  agent?: string | undefined;
  status: NagiosStatus;
  checks: CheckResult[];
}

export interface SeenDomain {
  hash?: string | undefined;
  changedAt?: number | undefined;
  firstSeen: number;
}

export interface CollectorState {
  version: 1;
  domains: Record<string, SeenDomain>;
}

export interface EvaluateOptions {
  staleAfterMs: number;
  missingGraceMs: number;
  severity: { stale: NagiosStatus; missing: NagiosStatus; malformed: NagiosStatus };
  maxRecordBytes?: number;
}

export const domainKey = (d: Pick<DomainInfo, 'name' | 'uuid'>) => `${d.name}/${d.uuid ?? '-'}`;

const mins = (ms: number) => `${Math.round(ms / 60000)}m`;

export function evaluateDomains(
  domains: { info: DomainInfo; raw: string | undefined; error?: string | undefined }[],
  prev: CollectorState | undefined,
  now: number,
  o: EvaluateOptions,
): { results: DomainResult[]; state: CollectorState } {
  const state: CollectorState = { version: 1, domains: {} };
  const results = domains.map(({ info, raw, error }) => {
    const key = domainKey(info);
    const before = prev?.domains[key];
    const base = { name: info.name, uuid: info.uuid, domid: info.domid };
    if (error !== undefined) {
      // xenstore would not give this domain's nodes: nothing is known, so its history is kept as it was
      if (before) state.domains[key] = before;
      return {
        ...base,
        record: 'unreadable' as const,
        status: 'UNKNOWN' as const,
        checks: [
          {
            name: 'record',
            status: 'UNKNOWN' as const,
            message: `cannot read from xenstore: ${cleanText(error)}`,
          },
        ],
      };
    }
    const seen: SeenDomain = { firstSeen: before?.firstSeen ?? now };
    state.domains[key] = seen;
    if (raw === undefined || raw === '') {
      const waited = now - seen.firstSeen;
      const lastChange = before?.changedAt;
      const status = waited >= o.missingGraceMs ? o.severity.missing : 'OK';
      return {
        ...base,
        record: 'missing' as const,
        status,
        checks: [
          {
            name: 'record',
            status,
            message:
              `no record from the agent` +
              (lastChange
                ? ` (gone; last change seen ${mins(now - lastChange)} ago)`
                : ` (domain seen for ${mins(waited)})`),
          },
        ],
      };
    }
    const hash = createHash('sha256').update(raw).digest('hex');
    const changed = before?.hash !== hash;
    seen.hash = hash;
    seen.changedAt = changed ? now : (before?.changedAt ?? now);
    const age = now - seen.changedAt;
    let parsed: ReturnType<typeof parseRecord>;
    try {
      parsed = parseRecord(raw, o.maxRecordBytes ?? RECORD_MAX_BYTES);
    } catch (err) {
      return {
        ...base,
        record: 'malformed' as const,
        ageSeconds: age / 1000,
        status: o.severity.malformed,
        checks: [
          {
            name: 'record',
            status: o.severity.malformed,
            message: `record rejected: ${cleanText((err as Error).message)}`,
          },
        ],
      };
    }
    const checks = [...parsed.checks];
    let record: RecordState = before?.hash === undefined && changed ? 'new' : 'ok';
    if (age > o.staleAfterMs) {
      record = 'stale';
      checks.unshift({
        name: 'record',
        status: o.severity.stale,
        value: age / 1000,
        unit: 's',
        message: `record unchanged for ${mins(age)} (limit ${mins(o.staleAfterMs)}): agent stopped?`,
      });
    }
    return {
      ...base,
      record,
      ageSeconds: age / 1000,
      agent: parsed.agent,
      status: worstStatus(checks.map((c) => c.status)),
      checks,
    };
  });
  return { results, state };
}
