// What a person watching sees: a live table on a terminal, plain log lines otherwise, JSON events with --json.
import { formatBytes, formatDuration, type OutputStream, renderTable } from '@opskit/core';
import type { SchedulerEngine, SchedulerEvent } from './engine.js';
import { formatLocalTime } from './windows.js';

/** One human line per event, for logs and non-terminal output. */
export function formatEvent(e: SchedulerEvent, tz?: string): string {
  const at = formatLocalTime(e.time, tz).slice(11);
  const what = e.destination ? `${e.source} -> ${e.destination}` : e.filer;
  switch (e.type) {
    case 'start':
      return `${at} start   ${what} (${e.kind}${e.attempt && e.attempt > 1 ? `, attempt ${e.attempt}` : ''})`;
    case 'adopt':
      return `${at} adopt   ${what} already transferring on ${e.filer}`;
    case 'end':
      return `${at} done    ${what} ${formatBytes(e.bytes ?? 0)}`;
    case 'retry':
      return `${at} retry   ${what}: ${e.message}`;
    case 'fail':
      return `${at} FAILED  ${what}: ${e.message}`;
    case 'defer':
      return `${at} defer   ${what}: ${e.message}`;
    case 'skip':
      return `${at} skip    ${what}: ${e.message}`;
    case 'poll-error':
      return `${at} error   polling ${e.filer}: ${e.message}`;
    case 'launch-error':
      return `${at} error   starting ${what}: ${e.message}`;
  }
}

/** Redraws a table of running and queued transfers in place (cursor up, clear to end of screen). */
export class LiveTable {
  private lines = 0;
  private readonly rates = new Map<string, { at: number; bytes: number; rate: number }>();

  constructor(
    private readonly out: OutputStream,
    private readonly tz?: string,
  ) {}

  render(engine: SchedulerEngine, now: number): void {
    const running = engine.items.filter((i) => i.state === 'running' || i.state === 'launching');
    const rows = running.map((i) => {
      const prev = this.rates.get(i.spec.id);
      let rate = prev?.rate ?? 0;
      if (prev && now > prev.at && i.bytes >= prev.bytes)
        rate = ((i.bytes - prev.bytes) / (now - prev.at)) * 1000 || rate;
      this.rates.set(i.spec.id, { at: now, bytes: i.bytes, rate });
      const eta =
        i.predictedBytes !== undefined && rate > 0
          ? formatDuration(Math.max(0, i.predictedBytes - i.bytes) / rate)
          : '-';
      return [
        i.spec.filer,
        i.spec.destination,
        i.kind ?? '',
        formatBytes(i.bytes),
        rate ? `${formatBytes(rate)}/s` : '-',
        eta,
      ];
    });
    const waiting = engine.items.filter((i) => i.state === 'queued' || i.state === 'retry-wait');
    const done = engine.items.filter((i) => i.state === 'succeeded').length;
    const failed = engine.items.filter((i) => i.state === 'failed').length;
    const limits = engine.limits(now);
    const counts = engine.running();
    const header = `snapmirror-scheduler  ${formatLocalTime(now, this.tz)}  ${limits.business ? 'business hours' : 'off hours'}  running ${counts.global}${Number.isFinite(limits.global) ? `/${limits.global}` : ''}  queued ${waiting.length}  done ${done}  failed ${failed}`;
    const table = rows.length
      ? renderTable(['filer', 'destination', 'kind', 'bytes', 'rate', 'eta'], rows, { alignRight: [3, 4, 5] })
      : '(nothing running)\n';
    const next = waiting
      .slice(0, 5)
      .map((i) => `  next: ${i.spec.destination}${i.reason ? ` (${i.reason})` : ''}`)
      .join('\n');
    const text = `${header}\n${table}${next ? `${next}\n` : ''}`;
    this.out.write(`${this.lines ? `\x1b[${this.lines}F\x1b[J` : ''}${text}`);
    this.lines = text.split('\n').length - 1;
  }
}
