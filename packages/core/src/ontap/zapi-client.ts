// What the two ZAPI dialects share: the SnapMirror control calls (update/initialize, abort, quiesce,
// resume) and system-get-version. Each dialect lists and parses its relationships itself.
import { readAnswer } from './field-error.js';
import type { OntapDialect, Relationship, SnapMirrorClient, StartTransferOptions } from './types.js';
import type { ZapiConnection } from './zapi-connection.js';
import { childBoolean, childText, type ZapiElement, type ZapiInput } from './zapi-element.js';

export abstract class ZapiSnapMirrorClient implements SnapMirrorClient {
  abstract readonly dialect: Exclude<OntapDialect, 'rest'>;

  constructor(
    readonly filer: string,
    protected readonly zapi: ZapiConnection,
  ) {}

  abstract listRelationships(): Promise<Relationship[]>;

  /** What system-get-version means when it leaves out is-clustered. */
  protected abstract readonly clusteredByDefault: boolean;

  /**
   * A transfer control call (start, abort). Its <results> pass through checkControlResults, for the
   * dialect whose passed calls can still report a failure.
   */
  private async control(api: string, inputs: ZapiInput): Promise<void> {
    const results = await this.zapi.invoke(api, inputs);
    this.read(api, () => this.checkControlResults(api, results));
  }

  /** Reads an answer; a field holding the wrong kind of value becomes an OntapProtocolError. */
  protected read<T>(api: string, parse: () => T): T {
    return readAnswer(this.zapi.peer, api, parse);
  }

  protected checkControlResults(_api: string, _results: ZapiElement): void {}

  async startTransfer(options: StartTransferOptions): Promise<void> {
    await this.control(options.kind === 'initialize' ? 'snapmirror-initialize' : 'snapmirror-update', {
      'source-location': options.source,
      'destination-location': options.destination,
      'max-transfer-rate': options.maxRateKBps ? Math.round(options.maxRateKBps) : undefined,
    });
  }

  async abortTransfer(destination: string): Promise<void> {
    await this.control('snapmirror-abort', { 'destination-location': destination });
  }

  async quiesce(destination: string): Promise<void> {
    await this.zapi.invoke('snapmirror-quiesce', { 'destination-location': destination });
  }

  async resume(destination: string): Promise<void> {
    await this.zapi.invoke('snapmirror-resume', { 'destination-location': destination });
  }

  async systemVersion(): Promise<{ version: string; clustered: boolean }> {
    const results = await this.zapi.invoke('system-get-version', {}, true);
    return {
      version: childText(results, 'version') ?? '',
      clustered: childBoolean(results, 'is-clustered') ?? this.clusteredByDefault,
    };
  }

  async close(): Promise<void> {}
}
