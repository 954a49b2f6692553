// The in-process simulator: one listener per filer, a lazily advanced model, inspection of state and
// of every transfer, and fault injection per filer.
import { type Clock, type Logger, type OntapDialect, type OntapFilerConfig, realClock } from '@opskit/core';
import { faultRule } from './faults.js';
import { SimModel } from './model.js';
import type { ConcurrencyReport, LastTransferInfo, SimMirrorState, TransferRecord } from './model-types.js';
import { checkScenario, loadScenario, type Scenario, type ScenarioFault } from './scenario.js';
import { type FilerServer, startFilerServer, type TlsMaterial } from './server.js';

export interface StartSimulatorOptions {
  /** A scenario object, or the path of a scenario file (JSON or YAML). */
  scenario: Scenario | string;
  /** Simulated time (a VirtualClock in tests); the model starts at clock.now(). Default: real time. */
  clock?: Clock | undefined;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: TlsMaterial | undefined;
  /** Listen address (default 127.0.0.1). */
  host?: string | undefined;
  /** First port for filers without one in the scenario (next filers take the next ports); default random. */
  basePort?: number | undefined;
  log?: Logger | undefined;
}

export interface SimulatorEndpoint {
  name: string;
  dialect: OntapDialect;
  host: string;
  port: number;
  protocol: 'http' | 'https';
  url: string;
  credentials: { username: string; password: string };
  svms: string[];
}

/** A relationship as the simulator holds it (bytes, seconds). */
export interface RelationshipSnapshot {
  uuid: string;
  filer: string;
  source: string;
  destination: string;
  state: SimMirrorState;
  status: 'idle' | 'queued' | 'transferring' | 'quiescing';
  lagSeconds: number | undefined;
  /** Changed bytes not yet in a transfer. */
  pendingBytes: number;
  transferBytes: number | undefined;
  transferTotalBytes: number | undefined;
  transferRateKBps: number | undefined;
  healthy: boolean;
  last: LastTransferInfo | undefined;
}

export type InjectedFault = Omit<ScenarioFault, 'filer' | 'atSeconds'>;

export interface Simulator {
  readonly clock: Clock;
  readonly filers: Readonly<Record<string, SimulatorEndpoint>>;
  /** A ready client configuration for a filer (host, port, protocol, dialect, credentials). */
  /** Where a filer listens. */
  endpoint(filer: string): SimulatorEndpoint;
  clientConfig(filer: string, overrides?: Partial<OntapFilerConfig>): OntapFilerConfig;
  relationships(filer?: string): RelationshipSnapshot[];
  /** Every transfer ever requested, in request order, with its exact start/end instants. */
  transfers(): TransferRecord[];
  /** Same as transfers(). */
  records(): TransferRecord[];
  /** Highest numbers of concurrently running transfers, per filer, per link and overall. */
  concurrency(): ConcurrencyReport;
  /** Requests each filer has received (for requests-per-poll checks). */
  requestCounts(): Record<string, number>;
  /** Adds a request fault on a filer, active from now. */
  inject(filer: string, fault: InjectedFault): void;
  clearFaults(filer?: string): void;
  /** Reboots a filer now: its running and queued transfers fail; requests are refused while it is down. */
  reboot(filer: string, downSeconds?: number): void;
  /** Brings the state to clock.now() (every request and inspection does this anyway). */
  sync(): void;
  close(): Promise<void>;
}

export async function startSimulator(options: StartSimulatorOptions): Promise<Simulator> {
  const scenario = typeof options.scenario === 'string' ? loadScenario(options.scenario) : options.scenario;
  if (typeof options.scenario !== 'string') checkScenario(scenario);
  const clock = options.clock ?? realClock;
  const model = new SimModel(scenario, clock.now());
  const host = options.host ?? '127.0.0.1';
  const servers = new Map<string, FilerServer>();
  const endpoints: Record<string, SimulatorEndpoint> = {};
  try {
    let index = 0;
    for (const f of scenario.filers) {
      const filer = model.filer(f.name);
      const port = f.port ?? (options.basePort ? options.basePort + index : 0);
      index++;
      const server = await startFilerServer(model, filer, clock, {
        host,
        port,
        tls: options.tls,
        log: options.log,
      });
      servers.set(filer.name, server);
      const protocol = options.tls ? 'https' : 'http';
      endpoints[filer.name] = {
        name: filer.name,
        dialect: filer.dialect,
        host,
        port: server.port,
        protocol,
        url: `${protocol}://${host}:${server.port}`,
        credentials: { ...filer.credentials },
        svms: [...filer.svms],
      };
    }
  } catch (err) {
    await Promise.all([...servers.values()].map((s) => s.close()));
    throw err;
  }
  for (const fault of scenario.faults ?? []) {
    if (fault.kind === 'reboot') continue;
    servers
      .get(model.filer(fault.filer).name)!
      .rules.push(faultRule(fault, model.now + (fault.atSeconds ?? 0) * 1000));
  }
  const sync = () => model.advanceTo(clock.now());
  const endpoint = (name: string) => {
    const e = endpoints[model.filer(name).name];
    if (!e) throw new Error(`no filer named ${name}`);
    return e;
  };

  return {
    clock,
    filers: endpoints,
    endpoint,
    clientConfig(name, overrides = {}) {
      const e = endpoint(name);
      return {
        name: e.name,
        host: e.host,
        port: e.port,
        protocol: e.protocol,
        dialect: e.dialect,
        credentials: { ...e.credentials },
        retryDelayMs: 50,
        ...overrides,
      };
    },
    relationships(filer) {
      sync();
      const only = filer ? model.filer(filer).name : undefined;
      return model.relationships
        .filter((r) => !only || r.destinationFiler === only)
        .map((r) => ({
          uuid: r.uuid,
          filer: r.destinationFiler,
          source: r.source,
          destination: r.destination,
          state: r.state,
          status: r.active
            ? r.active.state === 'queued'
              ? 'queued'
              : r.quiescing
                ? 'quiescing'
                : 'transferring'
            : 'idle',
          lagSeconds: model.lagSeconds(r),
          pendingBytes: model.pendingBytes(r),
          transferBytes: r.active?.doneBytes,
          transferTotalBytes: r.active?.state === 'transferring' ? r.active.totalBytes : undefined,
          transferRateKBps: r.active?.state === 'transferring' ? (r.active.rate * 1000) / 1024 : undefined,
          healthy: r.healthy,
          last: r.last ? { ...r.last } : undefined,
        }));
    },
    transfers() {
      sync();
      return model.records();
    },
    records() {
      sync();
      return model.records();
    },
    concurrency() {
      sync();
      return model.concurrency();
    },
    requestCounts() {
      return Object.fromEntries([...model.filers.values()].map((f) => [f.name, f.requests]));
    },
    inject(name, fault) {
      sync();
      servers.get(model.filer(name).name)!.rules.push(faultRule(fault, model.now));
    },
    clearFaults(name) {
      for (const [filerName, s] of servers)
        if (!name || model.filer(name).name === filerName) s.rules.length = 0;
    },
    reboot(name, downSeconds = 0) {
      sync();
      model.reboot(name, downSeconds * 1000);
    },
    sync,
    async close() {
      await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}
