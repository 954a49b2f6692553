// One agent run: check the host, write the record under the domain's own xenstore path, keep the
// counters for the next run. Returns data; the CLI prints it.
import { mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import {
  type Clock,
  createExecutor,
  type Executor,
  type NagiosStatus,
  realClock,
  worstStatus,
  writeFileAtomic,
} from '@opskit/core';
import type { FsStats } from '../checks/disk.js';
import { type AgentState, runHostChecks } from '../checks/host.js';
import type { CheckResult } from '../checks/types.js';
import { formatRecord } from '../record.js';
import { type XenStore, XenStoreError } from '../xenstore/store.js';
import type { AgentConfig } from './config.js';

export interface AgentRunOptions {
  config: AgentConfig;
  /** Where to write; omit (or dryRun) to only check. */
  store?: XenStore | undefined;
  dryRun?: boolean;
  executor?: Executor;
  clock?: Clock;
  statfs?: (path: string) => Promise<FsStats>;
  agentVersion: string;
  hostName?: string;
}

export interface AgentRunResult {
  status: NagiosStatus;
  checks: CheckResult[];
  record: string;
  /** Absolute xenstore path written, when written. */
  writtenTo?: string | undefined;
  /** Problems that did not stop the run (state file unreadable, ...). */
  warnings: string[];
}

function readState(file: string, warnings: string[]): AgentState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const s = JSON.parse(text) as AgentState;
    return typeof s === 'object' && s !== null && typeof s.time === 'number' ? s : undefined;
  } catch {
    warnings.push(`state file ${file} is not valid JSON; starting over`);
    return undefined;
  }
}

export async function runAgent(o: AgentRunOptions): Promise<AgentRunResult> {
  const clock = o.clock ?? realClock;
  const warnings: string[] = [];
  const now = clock.now();
  const prev = readState(o.config.stateFile, warnings);
  const { results, state } = await runHostChecks(
    o.config.checks,
    {
      procRoot: o.config.procRoot,
      sysRoot: o.config.sysRoot,
      exec: o.executor ?? createExecutor(),
      now,
      ...(o.statfs ? { statfs: o.statfs } : {}),
    },
    prev,
  );
  const record = formatRecord({
    agent: o.agentVersion,
    host: o.hostName ?? hostname(),
    time: now / 1000,
    checks: results,
  });
  let writtenTo: string | undefined;
  if (o.store && !o.dryRun) {
    const home = await o.store.getDomainPath();
    writtenTo = `${home}/${o.config.recordPath}`;
    try {
      await o.store.write(writtenTo, record);
    } catch (err) {
      if (!(err instanceof XenStoreError) || /xs_open|timed out/.test(err.message)) throw err;
      throw new XenStoreError('write', writtenTo, 'refused', {
        hint: `this guest may not write there: run "xen-dom0-collector setup" on the dom0 so ${home}/data is owned by the guest`,
        cause: err,
      });
    }
  }
  if (!o.dryRun) {
    try {
      mkdirSync(dirname(o.config.stateFile), { recursive: true });
      writeFileAtomic(o.config.stateFile, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    } catch (err) {
      warnings.push(`cannot save state to ${o.config.stateFile}: ${(err as Error).message}`);
    }
  }
  return { status: worstStatus(results.map((r) => r.status)), checks: results, record, writtenTo, warnings };
}
