// The scheduling state machine: observations of the filers in, launch decisions out. Pure: no I/O,
// no clock of its own; the runner (live) and the planner (predicted) drive it.
import type { Relationship } from '@opskit/core';
import type { SchedulerConfig } from './config.js';
import type { TransferSpec } from './lines.js';
import { locationKey } from './location.js';
import { predictBytes, predictSeconds, rateOf } from './predict.js';
import { type BusinessHours, type LimitsNow, limitsAt } from './windows.js';

export type ItemState =
  | 'queued'
  | 'launching'
  | 'running'
  | 'retry-wait'
  | 'succeeded'
  | 'failed'
  | 'deferred'
  | 'skipped';

export interface TransferItem {
  spec: TransferSpec;
  state: ItemState;
  kind: 'update' | 'initialize' | undefined;
  attempts: number;
  adopted: boolean;
  predictedBytes: number | undefined;
  predictedSeconds: number | undefined;
  startTime: number | undefined;
  endTime: number | undefined;
  bytes: number;
  notBefore: number | undefined;
  launchedAt: number | undefined;
  missingPolls: number;
  /** Observed transfer rate (bytes/s) between the last two polls, and when bytes were last seen. */
  rate: number | undefined;
  observedAt: number | undefined;
  /** Why it waits (deferred into business hours) or why it was skipped or failed. */
  reason: string | undefined;
  errors: string[];
}

export type EventType =
  | 'start'
  | 'adopt'
  | 'end'
  | 'retry'
  | 'fail'
  | 'defer'
  | 'skip'
  | 'poll-error'
  | 'launch-error';

export interface SchedulerEvent {
  time: number;
  type: EventType;
  filer: string;
  destination?: string | undefined;
  source?: string | undefined;
  kind?: 'update' | 'initialize' | undefined;
  bytes?: number | undefined;
  attempt?: number | undefined;
  message?: string | undefined;
}

export interface LaunchAction {
  item: TransferItem;
  kind: 'update' | 'initialize';
  rateKBps: number;
}

export type OrderPolicy = 'config' | 'size';

const ACTIVE: ItemState[] = ['launching', 'running'];
const FINAL: ItemState[] = ['succeeded', 'failed', 'deferred', 'skipped'];
const MISSING_POLLS_BEFORE_FAILURE = 3;
/** Tolerated difference between the filer's clock and ours when comparing transfer end times. */
const CLOCK_SKEW_MS = 120_000;
/** Off hours now, but the predicted end falls in the next business hours: left for another night. */
export const RUNS_INTO_BUSINESS_HOURS = 'would run into business hours';
/** Business hours now and the transfer is not allowed in them: it waits for the window to close. */
export const WAITING_FOR_OFF_HOURS = 'waiting for the end of business hours';
/** The run went through off hours and business hours began: what is not allowed in them waits for the next run. */
export const BUSINESS_HOURS_BEGAN = 'business hours began: left for the next night';
const FINAL_DEFERRALS = new Set([RUNS_INTO_BUSINESS_HOURS, BUSINESS_HOURS_BEGAN]);

export class SchedulerEngine {
  readonly items: TransferItem[];
  readonly events: SchedulerEvent[] = [];
  private readonly byFiler = new Map<string, Map<string, TransferItem>>();
  private readonly relationships = new Map<string, Map<string, Relationship>>();
  private readonly foreign = new Map<string, number>();
  private readonly known = new Set<string>();
  private readonly failingSince = new Map<string, number>();
  private seenOffHours = false;
  private readonly gaveUp = new Set<string>();
  /** Learned bandwidth (bytes/s) of each filer's link, from the last time it was seen saturated. */
  private readonly linkCapacity = new Map<string, number>();
  readonly filers: string[];

  constructor(
    specs: TransferSpec[],
    private readonly config: SchedulerConfig,
    private readonly hours: BusinessHours,
    private readonly order: OrderPolicy,
    private readonly emit: (e: SchedulerEvent) => void = () => {},
  ) {
    this.items = specs.map((spec) => ({
      spec,
      state: 'queued',
      kind: undefined,
      attempts: 0,
      adopted: false,
      predictedBytes: spec.sizeHintBytes,
      predictedSeconds: predictSeconds(spec.sizeHintBytes, spec, config),
      startTime: undefined,
      endTime: undefined,
      bytes: 0,
      notBefore: undefined,
      launchedAt: undefined,
      missingPolls: 0,
      rate: undefined,
      observedAt: undefined,
      reason: undefined,
      errors: [],
    }));
    this.filers = [...new Set(specs.map((s) => s.filer))];
    for (const f of this.filers) this.byFiler.set(f, new Map());
    for (const item of this.items) this.byFiler.get(item.spec.filer)?.set(item.spec.id, item);
  }

  private event(e: SchedulerEvent): void {
    this.events.push(e);
    this.emit(e);
  }

  /** A successful poll of one filer: every relationship whose destination is on it. */
  observe(filer: string, rels: Relationship[], now: number): void {
    this.known.add(filer);
    this.failingSince.delete(filer);
    const map = new Map(rels.map((r) => [locationKey(r.destination), r]));
    this.relationships.set(filer, map);
    const mine = this.byFiler.get(filer) ?? new Map<string, TransferItem>();
    let foreign = 0;
    for (const [key, rel] of map) {
      const item = mine.get(key);
      // Transfers the filer runs that no active item of ours accounts for: its own schedule, another
      // tool, or one of ours started again (or still running after we gave up on it).
      if (
        rel.transferring &&
        !(item && (ACTIVE.includes(item.state) || item.state === 'queued' || item.state === 'retry-wait'))
      ) {
        foreign++;
      }
    }
    this.foreign.set(filer, foreign);
    for (const [key, item] of mine) this.update(item, map.get(key), now);
  }

  observeFailure(filer: string, message: string, now: number): void {
    if (!this.failingSince.has(filer)) this.failingSince.set(filer, now);
    this.event({ time: now, type: 'poll-error', filer, message });
    const since = this.failingSince.get(filer) ?? now;
    if (now - since < this.config.unreachableGiveUpSeconds * 1000) return;
    // Out of contact for too long: give up on this filer's transfers rather than wait forever.
    this.gaveUp.add(filer);
    for (const item of this.byFiler.get(filer)?.values() ?? []) {
      if (FINAL.includes(item.state)) continue;
      const lost = `filer ${filer} unreachable for ${Math.round((now - since) / 1000)}s: ${message}`;
      if (ACTIVE.includes(item.state)) item.endTime = now;
      item.errors.push(lost);
      item.reason = lost;
      item.state = 'failed';
      this.event({ time: now, type: 'fail', ...this.where(item), message: lost });
    }
  }

  private update(item: TransferItem, rel: Relationship | undefined, now: number): void {
    if (rel && item.state !== 'running') {
      item.predictedBytes = predictBytes(item.spec, rel, this.config);
      item.predictedSeconds = predictSeconds(item.predictedBytes, item.spec, this.config);
    }
    switch (item.state) {
      case 'queued':
      case 'retry-wait':
        if (rel?.transferring) {
          // Already running on the filer (a restart after a crash, or the filer's own schedule): adopt it.
          item.state = 'running';
          item.adopted = true;
          item.startTime = now;
          item.kind = rel.state === 'uninitialized' ? 'initialize' : 'update';
          item.bytes = rel.transferBytes ?? 0;
          item.observedAt = now;
          this.event({ time: now, type: 'adopt', ...this.where(item), kind: item.kind, bytes: item.bytes });
        }
        return;
      case 'launching':
        if (rel?.transferring) {
          item.state = 'running';
          item.bytes = rel.transferBytes ?? 0;
          item.observedAt = now;
        } else if (rel && this.endedSince(rel, item.launchedAt ?? now)) {
          this.finish(item, rel, now);
        } else {
          this.attemptFailed(item, 'the filer did not start the transfer', now);
        }
        return;
      case 'running':
        if (!rel) {
          item.missingPolls++;
          if (item.missingPolls >= MISSING_POLLS_BEFORE_FAILURE) {
            this.attemptFailed(item, 'relationship no longer reported by the filer', now);
          }
          return;
        }
        item.missingPolls = 0;
        if (
          !rel.transferring &&
          !item.adopted &&
          item.launchedAt !== undefined &&
          !this.endedSince(rel, item.launchedAt)
        ) {
          if (rel.last.endTime !== undefined) {
            this.attemptFailed(
              item,
              'the filer did not start the transfer (its last transfer predates the request)',
              now,
            );
            return;
          }
        }
        if (rel.transferring) {
          const bytes = Math.max(item.bytes, rel.transferBytes ?? 0);
          if (item.observedAt !== undefined && now > item.observedAt) {
            item.rate = ((bytes - item.bytes) / (now - item.observedAt)) * 1000;
          }
          item.bytes = bytes;
          item.observedAt = now;
          return;
        }
        this.finish(item, rel, now);
        return;
      default:
        return;
    }
  }

  private endedSince(rel: Relationship, since: number): boolean {
    return rel.last.endTime !== undefined && rel.last.endTime >= since - CLOCK_SKEW_MS;
  }

  private finish(item: TransferItem, rel: Relationship, now: number): void {
    const error =
      rel.last.error || (rel.healthy === false ? 'relationship unhealthy after the transfer' : undefined);
    if (error) {
      this.attemptFailed(item, error, now);
      return;
    }
    item.state = 'succeeded';
    item.endTime = now;
    if (
      rel.last.bytes !== undefined &&
      (rel.last.endTime === undefined || rel.last.endTime >= (item.startTime ?? 0) - CLOCK_SKEW_MS)
    ) {
      item.bytes = rel.last.bytes;
    }
    this.event({ time: now, type: 'end', ...this.where(item), kind: item.kind, bytes: item.bytes });
  }

  private attemptFailed(item: TransferItem, message: string, now: number): void {
    item.errors.push(message);
    item.reason = message;
    item.endTime = now;
    if (item.attempts < this.config.retry.attempts) {
      const { backoffSeconds, maxBackoffSeconds } = this.config.retry;
      const delay = Math.min(maxBackoffSeconds, backoffSeconds * 2 ** Math.max(0, item.attempts - 1));
      item.state = 'retry-wait';
      item.notBefore = now + delay * 1000;
      this.event({
        time: now,
        type: 'retry',
        ...this.where(item),
        attempt: item.attempts,
        message: `${message}; retry in ${delay}s`,
      });
    } else {
      item.state = 'failed';
      this.event({ time: now, type: 'fail', ...this.where(item), attempt: item.attempts, message });
    }
  }

  private where(item: TransferItem) {
    return { filer: item.spec.filer, destination: item.spec.destination, source: item.spec.source };
  }

  /** Transfers running per filer now (ours and the filer's own), and in total. */
  running(): { perFiler: Record<string, number>; global: number } {
    const perFiler: Record<string, number> = {};
    let global = 0;
    for (const f of this.filers) {
      const ours = [...(this.byFiler.get(f)?.values() ?? [])].filter((i) => ACTIVE.includes(i.state)).length;
      perFiler[f] = ours + (this.foreign.get(f) ?? 0);
      global += perFiler[f];
    }
    return { perFiler, global };
  }

  limits(now: number): LimitsNow {
    return limitsAt(this.config, this.hours, this.filers, now);
  }

  /** Candidates in launch order: priority first, then configuration order or largest predicted first. */
  private ordered(limits: LimitsNow): TransferItem[] {
    const size = (i: TransferItem) =>
      i.predictedBytes === undefined ? Number.MAX_SAFE_INTEGER : i.predictedBytes;
    const byConfig = [...this.items].sort(
      (a, b) =>
        b.spec.priority - a.spec.priority ||
        (this.order === 'size' ? size(b) - size(a) : 0) ||
        a.spec.order - b.spec.order,
    );
    if (this.order !== 'size' || this.filers.length < 2) return byConfig;
    // Largest first within each filer; across filers, the filer with the most work left for its capacity
    // goes first, so that the filers finish together instead of one link working alone at the end.
    const waiting = (i: TransferItem) => i.state === 'queued' || i.state === 'retry-wait';
    const backlog = new Map<string, number>();
    const capacity = new Map<string, number>();
    for (const f of this.filers) {
      const mine = this.items.filter((i) => i.spec.filer === f);
      const left = mine.reduce(
        (sum, i) =>
          sum +
          (waiting(i)
            ? size(i)
            : i.state === 'running'
              ? Math.max(0, (i.predictedBytes ?? i.bytes) - i.bytes)
              : 0),
        0,
      );
      const cap =
        Math.max(0, ...mine.map((i) => rateOf(i.spec, this.config))) * 1024 || Number.POSITIVE_INFINITY;
      backlog.set(f, left);
      capacity.set(
        f,
        Math.min(this.linkCapacity.get(f) ?? Number.POSITIVE_INFINITY, (limits.perFiler[f] ?? 1) * cap),
      );
    }
    const out: TransferItem[] = [];
    const levels = [...new Set(byConfig.map((i) => i.spec.priority))];
    for (const level of levels) {
      const queues = new Map(
        this.filers.map((f) => [f, byConfig.filter((i) => i.spec.priority === level && i.spec.filer === f)]),
      );
      for (;;) {
        let best: string | undefined;
        let bestScore = Number.NEGATIVE_INFINITY;
        for (const [f, q] of queues) {
          if (!q.length) continue;
          const score = (backlog.get(f) ?? 0) / (capacity.get(f) ?? 1);
          if (score > bestScore) {
            best = f;
            bestScore = score;
          }
        }
        if (best === undefined) break;
        const item = queues.get(best)?.shift();
        if (!item) break;
        out.push(item);
        if (waiting(item)) backlog.set(best, (backlog.get(best) ?? 0) - size(item));
      }
    }
    return out;
  }

  /** Chooses what to launch now within the limits; marks deferrals and skips. */
  decide(now: number): LaunchAction[] {
    const limits = this.limits(now);
    if (!limits.business) this.seenOffHours = true;
    const { perFiler, global } = this.running();
    // A filer that has never answered may be running anything: it holds its share of the global limit.
    let total = global;
    for (const f of this.filers)
      if (!this.known.has(f) && !this.gaveUp.has(f)) total += limits.perFiler[f] ?? 0;
    const actions: LaunchAction[] = [];
    const chosen = new Set<TransferItem>();
    // With a global limit, a slot is worth more on a filer whose link still has room. The link's capacity
    // is learned when a filer's transfers run below their caps together; the first pass keeps each filer
    // within what its link carries, the second fills what is left (never idling a slot).
    for (const f of this.filers) {
      const measured = this.saturatedRate(f);
      // The link carries at least what it was ever seen carrying when full (a single poll can under-read).
      if (measured !== undefined) this.linkCapacity.set(f, Math.max(measured, this.linkCapacity.get(f) ?? 0));
    }
    const full = (f: string, item: TransferItem) => {
      const capacity = this.linkCapacity.get(f);
      const cap = rateOf(item.spec, this.config) * 1024;
      return capacity !== undefined && cap > 0 && ((perFiler[f] ?? 0) + 1) * cap > capacity * 1.05;
    };
    const twoPass = Number.isFinite(limits.global) && this.linkCapacity.size > 0;
    for (const pass of twoPass ? [1, 2] : [2]) {
      for (const item of this.ordered(limits)) {
        if (total >= limits.global) break;
        if (chosen.has(item) || (pass === 1 && full(item.spec.filer, item))) continue;
        const waiting =
          item.state === 'queued' || (item.state === 'retry-wait' && (item.notBefore ?? 0) <= now);
        if (!waiting) continue;
        const filer = item.spec.filer;
        if (!this.known.has(filer)) continue; // never launch on a filer whose running transfers are unknown
        if ((perFiler[filer] ?? 0) >= (limits.perFiler[filer] ?? 0)) continue;
        const kind = this.kindFor(item, this.relationships.get(filer)?.get(item.spec.id), now);
        if (!kind || !this.allowedNow(item, limits.business, now)) continue;
        chosen.add(item);
        actions.push({ item, kind, rateKBps: rateOf(item.spec, this.config) });
        perFiler[filer] = (perFiler[filer] ?? 0) + 1;
        total++;
      }
    }
    return actions;
  }

  /** Business-hours rules: false (and the item marked deferred) when it may not start now. */
  private allowedNow(item: TransferItem, business: boolean, now: number): boolean {
    if (item.spec.allowIntoBusinessHours ?? this.config.allowIntoBusinessHours) return true;
    if (FINAL_DEFERRALS.has(item.reason ?? '')) return false;
    if (business) {
      this.defer(item, this.seenOffHours ? BUSINESS_HOURS_BEGAN : WAITING_FOR_OFF_HOURS, now);
      return false;
    }
    if (item.predictedSeconds !== undefined && this.hours.runsInto(now, item.predictedSeconds * 1000)) {
      this.defer(item, RUNS_INTO_BUSINESS_HOURS, now);
      return false;
    }
    return true;
  }

  /**
   * The filer's aggregate rate (bytes/s) when two or more capped transfers on it together move under 95%
   * of their caps: its link is full at that rate. Undefined when it is not saturated or not measured.
   */
  saturatedRate(filer: string): number | undefined {
    const running = this.items.filter(
      (i) =>
        i.spec.filer === filer &&
        i.state === 'running' &&
        i.rate !== undefined &&
        rateOf(i.spec, this.config) > 0,
    );
    if (running.length < 2) return undefined;
    const rate = running.reduce((s, i) => s + (i.rate ?? 0), 0);
    const caps = running.reduce((s, i) => s + rateOf(i.spec, this.config) * 1024, 0);
    return rate < 0.95 * caps ? rate : undefined;
  }

  private defer(item: TransferItem, reason: string, now: number): void {
    if (item.state === 'retry-wait') item.state = 'queued'; // a due retry waits like any queued transfer
    if (item.reason === reason) return;
    item.reason = reason;
    this.event({ time: now, type: 'defer', ...this.where(item), message: reason });
  }

  private kindFor(
    item: TransferItem,
    rel: Relationship | undefined,
    now: number,
  ): 'update' | 'initialize' | undefined {
    if (rel && rel.state !== 'uninitialized') {
      if (rel.state === 'snapmirrored') return 'update';
      this.skip(item, `relationship is ${rel.state}: an update would fail (resume or resync it first)`, now);
      return undefined;
    }
    const allowed = item.spec.baseline ?? this.config.allowBaseline;
    if (allowed) return 'initialize';
    this.skip(
      item,
      `${rel ? 'relationship is uninitialized' : 'no such relationship on the filer'}; baseline not allowed (set allowBaseline or baseline=yes)`,
      now,
    );
    return undefined;
  }

  private skip(item: TransferItem, reason: string, now: number): void {
    item.state = 'skipped';
    item.reason = reason;
    this.event({ time: now, type: 'skip', ...this.where(item), message: reason });
  }

  /** The filer accepted the start request. */
  launched(action: LaunchAction, now: number): void {
    const { item } = action;
    item.attempts++;
    item.kind = action.kind;
    item.state = 'running';
    item.startTime = now;
    item.launchedAt = now;
    item.endTime = undefined;
    item.bytes = 0;
    item.missingPolls = 0;
    item.rate = undefined;
    item.observedAt = undefined;
    item.reason = undefined;
    this.event({ time: now, type: 'start', ...this.where(item), kind: action.kind, attempt: item.attempts });
  }

  /**
   * The start request failed. When the filer answered (an API error), the attempt failed; when the
   * request may not have arrived (a transient, connection-level error), the next poll decides.
   */
  launchFailed(action: LaunchAction, message: string, transient: boolean, now: number): void {
    const { item } = action;
    item.attempts++;
    item.kind = action.kind;
    this.event({ time: now, type: 'launch-error', ...this.where(item), attempt: item.attempts, message });
    if (transient) {
      item.state = 'launching';
      item.launchedAt = now;
      item.startTime = now;
      return;
    }
    this.attemptFailed(item, message, now);
  }

  /** True when nothing runs and nothing left can start in this run (deferred items wait for the next). */
  done(): boolean {
    return this.items.every(
      (i) => FINAL.includes(i.state) || (i.state === 'queued' && FINAL_DEFERRALS.has(i.reason ?? '')),
    );
  }

  /** Marks what never started as deferred; call when the run ends. */
  close(): void {
    for (const item of this.items) {
      if (item.state === 'queued' || item.state === 'retry-wait') {
        item.state = 'deferred';
        item.reason ??= 'not started in this run';
        item.endTime = undefined;
      }
    }
  }

  /** Earliest instant something may change without a poll: a retry due, a window change. */
  nextWake(now: number): number {
    let wake = this.hours.nextChange(now);
    for (const item of this.items) {
      if (item.state === 'retry-wait' && item.notBefore !== undefined && item.notBefore > now) {
        wake = Math.min(wake, item.notBefore);
      }
    }
    return wake;
  }
}
