// The lazy, event-driven filer model. Nothing runs on timers: every request or inspection first
// brings the state to clock.now(), processing transfer completions and scheduled reboots in time
// order at their exact instants, with piecewise-constant rates from fairRates().
import { normalizeLocation } from '@opskit/core';
import { buildFiler, buildRelationship, deterministicUuid } from './model-build.js';
import type {
  ConcurrencyPeak,
  ConcurrencyReport,
  SimFiler,
  SimRelationship,
  SimTransfer,
  TransferRecord,
} from './model-types.js';
import { PeakCounter } from './peaks.js';
import { fairRates, kbpsToBytesPerMs } from './rates.js';
import type { Scenario } from './scenario.js';

export type SimFailureReason =
  | 'not-found'
  | 'not-initialized'
  | 'in-progress'
  | 'quiesced'
  | 'broken-off'
  | 'already-initialized'
  | 'not-restricted'
  | 'no-transfer';

/** A refused operation; each dialect turns it into its own errno or REST error. */
export class SimFailure extends Error {
  constructor(
    readonly reason: SimFailureReason,
    message: string,
  ) {
    super(message);
  }
}

const EPSILON_MS = 1e-6;

interface ScheduledReboot {
  at: number;
  filer: string;
  downMs: number;
}

export class SimModel {
  now: number;
  readonly filers = new Map<string, SimFiler>();
  readonly relationships: SimRelationship[] = [];
  readonly transfers: SimTransfer[] = [];
  private readonly byDestination = new Map<string, SimRelationship>();
  private readonly systemToFiler = new Map<string, SimFiler>();
  private readonly linkCapacity = new Map<string, number>();
  /** Link keys as the scenario spells them (`from->to`), by lower-case key. */
  private readonly linkNames = new Map<string, string>();
  private readonly capacity = new Map<string, number>();
  private active: SimTransfer[] = [];
  private queue: SimTransfer[] = [];
  private reboots: ScheduledReboot[] = [];
  private ratesDirty = true;
  private transferSeq = 0;
  private readonly filerPeaks = new PeakCounter();
  private readonly linkPeaks = new PeakCounter();
  private readonly globalPeak = new PeakCounter();

  constructor(scenario: Scenario, start: number) {
    this.now = start;
    for (const f of scenario.filers) this.addFiler(f);
    for (const link of scenario.links ?? []) {
      const key = `${link.from.toLowerCase()}->${link.to.toLowerCase()}`;
      this.linkCapacity.set(key, kbpsToBytesPerMs(link.bandwidthKBps));
      this.linkNames.set(key, `${link.from}->${link.to}`);
    }
    for (const [key, cap] of this.linkCapacity) this.capacity.set(`link:${key}`, cap);
    for (const r of scenario.relationships ?? []) this.addRelationship(r);
    for (const fault of scenario.faults ?? []) {
      if (fault.kind === 'reboot')
        this.scheduleReboot(
          start + (fault.atSeconds ?? 0) * 1000,
          fault.filer,
          (fault.downSeconds ?? 0) * 1000,
        );
    }
  }

  private addFiler(f: Scenario['filers'][number]): void {
    const filer = buildFiler(f);
    this.filers.set(f.name.toLowerCase(), filer);
    for (const sys of filer.systems) this.systemToFiler.set(sys, filer);
    this.capacity.set(`filer:${filer.name}`, filer.bandwidthBytesPerMs);
  }

  filer(name: string): SimFiler {
    const filer = this.filers.get(name.toLowerCase());
    if (!filer) throw new Error(`no filer named ${name} in the scenario`);
    return filer;
  }

  private addRelationship(r: NonNullable<Scenario['relationships']>[number]): void {
    const rel = buildRelationship(r, this.now, this.systemToFiler);
    if (this.byDestination.has(rel.destinationKey))
      throw new Error(`two relationships with destination ${r.destination}`);
    this.byDestination.set(rel.destinationKey, rel);
    this.relationships.push(rel);
  }

  findByDestination(location: string): SimRelationship | undefined {
    return this.byDestination.get(normalizeLocation(location));
  }

  filerOfSystem(system: string): SimFiler | undefined {
    return this.systemToFiler.get(system.toLowerCase());
  }

  pendingBytes(rel: SimRelationship, at = this.now): number {
    return rel.pendingBase + rel.changeBytesPerMs * Math.max(0, at - rel.pendingSince);
  }

  lagSeconds(rel: SimRelationship): number | undefined {
    return rel.mirrorTimestamp === undefined
      ? undefined
      : Math.max(0, Math.floor((this.now - rel.mirrorTimestamp) / 1000));
  }

  scheduleReboot(at: number, filer: string, downMs: number): void {
    this.filer(filer);
    this.reboots.push({ at, filer, downMs });
    this.reboots.sort((a, b) => a.at - b.at);
  }

  // ---- time ----

  /** Brings the state to `target`: completions and reboots at their exact instants, in order. */
  advanceTo(target: number): void {
    if (target < this.now) return;
    for (;;) {
      this.updateRates();
      let next = target;
      let finishing: SimTransfer[] = [];
      for (const t of this.active) {
        const end = t.rate > 0 ? t.updatedAt + (t.totalBytes - t.doneBytes) / t.rate : Infinity;
        if (end < next - EPSILON_MS) {
          next = end;
          finishing = [t];
        } else if (Math.abs(end - next) <= EPSILON_MS) {
          finishing.push(t);
        }
      }
      const reboot = this.reboots[0];
      if (reboot && (reboot.at < next || (reboot.at === next && finishing.length === 0))) {
        this.progressTo(reboot.at);
        this.reboots.shift();
        this.reboot(reboot.filer, reboot.downMs);
        continue;
      }
      if (finishing.length === 0 || next > target) {
        this.progressTo(target);
        return;
      }
      this.progressTo(next);
      for (const t of finishing) {
        t.doneBytes = t.totalBytes;
        this.finish(t, 'success', undefined);
      }
      this.startQueued();
    }
  }

  private progressTo(at: number): void {
    if (at <= this.now) return;
    for (const t of this.active) {
      t.doneBytes = Math.min(t.totalBytes, t.doneBytes + t.rate * (at - t.updatedAt));
      t.updatedAt = at;
    }
    this.now = at;
  }

  private updateRates(): void {
    if (!this.ratesDirty) return;
    this.ratesDirty = false;
    const rates = fairRates(
      this.active.map((t) => ({
        cap: t.throttleKBps > 0 ? kbpsToBytesPerMs(t.throttleKBps) : Infinity,
        resources: t.resources,
      })),
      this.capacity,
    );
    this.active.forEach((t, i) => {
      t.rate = rates[i]!;
    });
  }

  // ---- operations ----

  /** Accepts an update or a baseline: starts it now, or queues it when a node has no free slot. */
  requestTransfer(rel: SimRelationship, kind: 'initialize' | 'update', throttleKBps?: number): SimTransfer {
    if (rel.active)
      throw new SimFailure('in-progress', `a transfer for ${rel.destination} is already ${rel.active.state}`);
    if (rel.state === 'quiesced' || rel.quiescing)
      throw new SimFailure('quiesced', `${rel.destination} is quiesced`);
    if (rel.state === 'broken-off') throw new SimFailure('broken-off', `${rel.destination} is broken off`);
    if (kind === 'update' && rel.state === 'uninitialized') {
      throw new SimFailure('not-initialized', `${rel.destination} has not been initialized`);
    }
    if (kind === 'initialize' && rel.state !== 'uninitialized') {
      throw new SimFailure('already-initialized', `${rel.destination} is already initialized`);
    }
    const filer = this.filer(rel.destinationFiler);
    const volume = filer.volumes.get(`${rel.destinationSystem}:${rel.destinationVolume}`);
    if (kind === 'initialize' && !rel.isQtree && volume && !volume.restricted) {
      throw new SimFailure('not-restricted', `destination volume ${rel.destinationVolume} is not restricted`);
    }
    const link = this.linkOf(rel);
    const resources = [`filer:${rel.destinationFiler}`];
    if (rel.sourceFiler && rel.sourceFiler !== rel.destinationFiler)
      resources.push(`filer:${rel.sourceFiler}`);
    if (this.capacity.has(`link:${link}`)) resources.push(`link:${link}`);
    const linkKey =
      this.linkNames.get(link) ?? `${rel.sourceFiler ?? rel.source.split(':')[0]}->${rel.destinationFiler}`;
    const transfer: SimTransfer = {
      uuid: deterministicUuid(`transfer-${++this.transferSeq}-${rel.destinationKey}`),
      relationship: rel,
      kind,
      requestedAt: this.now,
      startedAt: undefined,
      endedAt: undefined,
      state: 'queued',
      totalBytes: 0,
      doneBytes: 0,
      throttleKBps: throttleKBps && throttleKBps > 0 ? throttleKBps : rel.throttleKBps,
      rate: 0,
      updatedAt: this.now,
      error: undefined,
      resources,
      linkKey,
    };
    rel.active = transfer;
    this.transfers.push(transfer);
    this.queue.push(transfer);
    this.startQueued();
    return transfer;
  }

  private linkOf(rel: SimRelationship): string {
    const to = rel.destinationFiler.toLowerCase();
    for (const from of [rel.sourceSystem, rel.sourceFiler?.toLowerCase()]) {
      if (from && this.linkCapacity.has(`${from}->${to}`)) return `${from}->${to}`;
    }
    return `${rel.sourceFiler?.toLowerCase() ?? rel.sourceSystem}->${to}`;
  }

  /**
   * The slots a transfer takes: one at the destination and one at the source when the source is
   * simulated; a filer that is both ends gives two (sheet 5.1).
   */
  private nodesOf(t: SimTransfer): SimFiler[] {
    const rel = t.relationship;
    const out = [this.filer(rel.destinationFiler)];
    if (rel.sourceFiler) out.push(this.filer(rel.sourceFiler));
    return out;
  }

  /** Starts queued transfers, oldest first, wherever every node they use has a free slot. */
  private startQueued(): void {
    if (this.queue.length === 0) return;
    const waiting: SimTransfer[] = [];
    for (const t of this.queue) {
      const nodes = this.nodesOf(t);
      // a filer with a limit below the slots one transfer needs still runs it alone rather than never
      const fits = nodes.every(
        (n) => n.running === 0 || n.running + nodes.filter((m) => m === n).length <= n.maxConcurrent,
      );
      if (fits) this.begin(t, nodes);
      else waiting.push(t);
    }
    this.queue = waiting;
  }

  private begin(t: SimTransfer, nodes: SimFiler[]): void {
    const rel = t.relationship;
    // the snapshot is taken as the transfer starts: it carries everything changed until now
    const pending = this.pendingBytes(rel);
    t.totalBytes = t.kind === 'initialize' ? rel.baselineBytes : pending;
    rel.pendingBase = t.kind === 'initialize' ? Math.max(0, pending - rel.baselineBytes) : 0;
    rel.pendingSince = this.now;
    t.state = 'transferring';
    t.startedAt = this.now;
    t.updatedAt = this.now;
    this.active.push(t);
    this.ratesDirty = true;
    for (const n of nodes) n.running++;
    for (const n of new Set(nodes)) this.filerPeaks.increment(n.name, this.now);
    this.globalPeak.increment('all', this.now);
    this.linkPeaks.increment(t.linkKey, this.now);
  }

  private finish(t: SimTransfer, state: 'success' | 'aborted' | 'failed', error: string | undefined): void {
    const rel = t.relationship;
    const wasRunning = t.state === 'transferring';
    t.state = state;
    t.endedAt = this.now;
    t.error = error;
    if (wasRunning) {
      this.active = this.active.filter((a) => a !== t);
      this.ratesDirty = true;
      const nodes = this.nodesOf(t);
      for (const n of nodes) n.running--;
      for (const n of new Set(nodes)) this.filerPeaks.decrement(n.name);
      this.globalPeak.decrement('all');
      this.linkPeaks.decrement(t.linkKey);
    } else {
      this.queue = this.queue.filter((q) => q !== t);
    }
    rel.active = undefined;
    rel.previous = t;
    if (state === 'success') {
      rel.mirrorTimestamp = t.startedAt;
      rel.state = rel.quiescing ? 'quiesced' : 'snapmirrored';
      rel.healthy = true;
      rel.checkpointBytes = 0;
      const filer = this.filer(rel.destinationFiler);
      const volume = filer.volumes.get(`${rel.destinationSystem}:${rel.destinationVolume}`);
      if (volume) volume.restricted = false;
      rel.last = {
        bytes: t.totalBytes,
        durationMs: this.now - (t.startedAt ?? this.now),
        endTime: this.now,
        type: t.kind,
        from: rel.source,
      };
    } else {
      // what was not sent is still to send
      rel.pendingBase = this.pendingBytes(rel) + Math.max(0, t.totalBytes - t.doneBytes);
      rel.pendingSince = this.now;
      rel.healthy = false;
      rel.checkpointBytes = wasRunning ? Math.floor(t.doneBytes) : 0;
      if (rel.quiescing) rel.state = 'quiesced';
      if (rel.last) rel.last = { ...rel.last, error };
      else if (wasRunning) rel.last = undefined;
    }
    rel.quiescing = false;
  }

  abort(rel: SimRelationship, error = 'transfer aborted'): void {
    if (!rel.active) throw new SimFailure('no-transfer', `no transfer in progress for ${rel.destination}`);
    this.finish(rel.active, 'aborted', error);
    this.startQueued();
  }

  quiesce(rel: SimRelationship): void {
    if (rel.state === 'broken-off' || rel.state === 'uninitialized') {
      throw new SimFailure(
        rel.state === 'broken-off' ? 'broken-off' : 'not-initialized',
        `${rel.destination} cannot be quiesced in state ${rel.state}`,
      );
    }
    if (rel.active?.state === 'transferring') rel.quiescing = true;
    else {
      if (rel.active) this.finish(rel.active, 'aborted', 'quiesced while queued');
      rel.state = 'quiesced';
    }
  }

  resume(rel: SimRelationship): void {
    rel.quiescing = false;
    if (rel.state === 'quiesced') rel.state = 'snapmirrored';
  }

  /** Changes the rate cap of a running transfer (7-Mode snapmirror-throttle). */
  throttle(rel: SimRelationship, kbps: number): void {
    if (!rel.active) throw new SimFailure('no-transfer', `no transfer in progress for ${rel.destination}`);
    rel.active.throttleKBps = kbps;
    this.ratesDirty = true;
  }

  /** A reboot: every transfer the filer takes part in fails now; requests are refused while it is down. */
  reboot(filerName: string, downMs: number): void {
    const filer = this.filer(filerName);
    filer.downUntil = this.now + downMs;
    const victims = this.transfers.filter(
      (t) =>
        (t.state === 'transferring' || t.state === 'queued') &&
        (t.relationship.destinationFiler === filer.name || t.relationship.sourceFiler === filer.name),
    );
    for (const t of victims) this.finish(t, 'failed', `transfer aborted: ${filer.name} rebooted`);
    this.startQueued();
  }

  // ---- inspection ----

  records(): TransferRecord[] {
    return this.transfers.map((t) => ({
      uuid: t.uuid,
      filer: t.relationship.destinationFiler,
      sourceFiler: t.relationship.sourceFiler,
      link: t.linkKey,
      source: t.relationship.source,
      destination: t.relationship.destination,
      kind: t.kind,
      requestedAt: t.requestedAt,
      startedAt: t.startedAt,
      endedAt: t.endedAt,
      state: t.state,
      bytes: t.doneBytes,
      totalBytes: t.totalBytes,
      throttleKBps: t.throttleKBps,
      error: t.error,
    }));
  }

  concurrency(): ConcurrencyReport {
    const filers: Record<string, ConcurrencyPeak> = {};
    for (const f of this.filers.values()) filers[f.name] = this.filerPeaks.peak(f.name);
    return {
      global: this.globalPeak.peak('all'),
      filers,
      links: this.linkPeaks.all(),
      running: this.active.length,
      queued: this.queue.length,
    };
  }
}
