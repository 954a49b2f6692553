// Human renderings of plans and status, for the CLI.
import { formatBytes, formatDuration, renderTable } from '@opskit/core';
import type { SimulationResult } from './commands/simulate.js';
import type { FilerStatus } from './commands/status.js';
import type { Plan } from './plan.js';
import { formatLocalTime } from './windows.js';

export function renderPlan(plan: Plan, tz?: string): string {
  const hhmm = (s: string | null) => (s ? formatLocalTime(Date.parse(s), tz).slice(5) : '-');
  const rows = plan.transfers
    .filter((t) => t.predictedStart)
    .sort((a, b) => Date.parse(a.predictedStart ?? '') - Date.parse(b.predictedStart ?? ''))
    .map((t, i) => [
      String(i + 1),
      t.destination,
      t.source,
      t.kind ?? '-',
      t.predictedBytes === null ? '?' : formatBytes(t.predictedBytes),
      hhmm(t.predictedStart),
      hhmm(t.predictedEnd),
      t.alreadyRunning ? 'already running' : '',
    ]);
  const notStarting = plan.transfers
    .filter((t) => !t.predictedStart)
    .map((t) => `  ${t.outcome}: ${t.destination}${t.reason ? ` (${t.reason})` : ''}`);
  return `${renderTable(['#', 'destination', 'source', 'kind', 'predicted', 'start', 'end', 'note'], rows, {
    alignRight: [0, 4],
  })}\npredicted end ${formatLocalTime(Date.parse(plan.predictedEnd), tz)} (${formatDuration(plan.predictedSeconds)}), order ${plan.order}\n${
    notStarting.length ? `not started in this run:\n${notStarting.join('\n')}\n` : ''
  }`;
}

export function renderStatus(status: FilerStatus[]): string {
  const rows = status.flatMap((s) =>
    !s.ok
      ? [[s.filer, '-', '-', 'UNREACHABLE', '-', s.error ?? '']]
      : s.transferring.length === 0
        ? [[s.filer, '-', '-', 'idle', '-', `${s.relationships} relationships`]]
        : s.transferring.map((r) => [
            s.filer,
            r.destination,
            r.source,
            r.activity,
            r.transferBytes === undefined ? '-' : formatBytes(r.transferBytes),
            r.lagSeconds === undefined ? '' : `lag ${formatDuration(r.lagSeconds)}`,
          ]),
  );
  return renderTable(['filer', 'destination', 'source', 'activity', 'bytes', 'note'], rows, {
    alignRight: [4],
  });
}

export function renderSimulation(r: SimulationResult): string {
  const t0 = Date.parse(r.start);
  const rel = (s: string | null) => (s ? formatDuration((Date.parse(s) - t0) / 1000) : '-');
  const rows = [...r.transfers]
    .sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''))
    .map((t) => [t.destination, t.kind, t.state, formatBytes(t.bytes), rel(t.start), rel(t.end)]);
  const limits = Object.entries(r.limits.perFiler)
    .map(([f, l]) => `${f} ${r.maxConcurrent.perFiler[f] ?? 0} (limit ${l.offHours})`)
    .join(', ');
  const terms = Object.entries(r.lowerBound.terms)
    .map(([k, v]) => `${k} ${formatDuration(v)}`)
    .join('; ');
  return `${renderTable(['destination', 'kind', 'state', 'bytes', 'start', 'end'], rows, { alignRight: [3, 4, 5] })}
order ${r.order}: makespan ${formatDuration(r.makespanSeconds)}, lower bound ${formatDuration(r.lowerBound.seconds)} (${r.lowerBound.binding}), ratio ${r.ratio.toFixed(3)}
bound terms: ${terms}
highest concurrency: all ${r.maxConcurrent.global}${r.limits.global ? ` (limit ${r.limits.global.offHours})` : ''}; ${limits}
${r.counts.succeeded} succeeded, ${r.counts.failed} failed, ${r.counts.deferred} deferred, ${r.counts.skipped} skipped; CPU ${(r.cpuMs.process / 1000).toFixed(1)} s, real ${(r.realMs / 1000).toFixed(1)} s
`;
}
