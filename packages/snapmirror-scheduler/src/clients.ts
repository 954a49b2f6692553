// One SnapMirror client per receiving filer, from the scheduler configuration. Clients connect lazily,
// so a filer that is down at start-up is a poll error (retried every tick), not a crash.
import {
  type Clock,
  createSnapMirrorClient,
  type Logger,
  loadOntapCredentials,
  type OntapDialect,
  type OntapFilerConfig,
  type SnapMirrorClient,
  type StartTransferOptions,
} from '@opskit/core';
import type { SchedulerConfig } from './config.js';

export interface ClientDeps {
  clock?: Clock;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
}

export function filerClientConfig(config: SchedulerConfig, filer: string): OntapFilerConfig {
  const f = config.filers[filer];
  return {
    name: filer,
    host: f?.host,
    port: f?.port,
    protocol: f?.protocol,
    dialect: f?.dialect,
    caFile: f?.caFile,
    insecure: f?.insecure,
    vfiler: f?.vserver,
    requestTimeoutMs: (f?.timeoutSeconds ?? 60) * 1000,
  };
}

class LazyClient implements SnapMirrorClient {
  private client: Promise<SnapMirrorClient> | undefined;
  private resolved: OntapDialect | undefined;
  constructor(
    readonly filer: string,
    private readonly configured: OntapDialect | 'auto' | undefined,
    private readonly make: () => Promise<SnapMirrorClient>,
  ) {}
  /** The configured dialect, or the detected one once connected ('rest' until then when 'auto'). */
  get dialect(): OntapDialect {
    return this.resolved ?? (this.configured && this.configured !== 'auto' ? this.configured : 'rest');
  }
  private get(): Promise<SnapMirrorClient> {
    if (!this.client) {
      this.client = this.make().then((c) => {
        this.resolved = c.dialect;
        return c;
      });
      this.client.catch(() => {
        this.client = undefined; // try again at the next call
      });
    }
    return this.client;
  }
  async listRelationships() {
    return (await this.get()).listRelationships();
  }
  async startTransfer(options: StartTransferOptions) {
    return (await this.get()).startTransfer(options);
  }
  async abortTransfer(destination: string) {
    return (await this.get()).abortTransfer(destination);
  }
  async systemVersion() {
    return (await this.get()).systemVersion();
  }
  async close() {
    const c = this.client;
    this.client = undefined;
    if (c) await (await c.catch(() => undefined))?.close();
  }
}

/**
 * Checks every filer's credentials first (missing credentials are a configuration error naming the
 * filer, before anything is launched), then returns lazily connecting clients.
 */
export async function createClients(
  config: SchedulerConfig,
  filers: string[],
  deps: ClientDeps = {},
): Promise<Map<string, SnapMirrorClient>> {
  const source = { file: config.credentialsFile, env: deps.env };
  const clients = new Map<string, SnapMirrorClient>();
  for (const filer of filers) {
    const credentials = await loadOntapCredentials(filer, source);
    const filerConfig = { ...filerClientConfig(config, filer), credentials };
    clients.set(
      filer,
      new LazyClient(filer, filerConfig.dialect, () =>
        createSnapMirrorClient(filerConfig, { clock: deps.clock, log: deps.log }),
      ),
    );
  }
  return clients;
}
