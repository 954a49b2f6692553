// Scenario files: the filers, their volumes, relationships, link bandwidths, limits and faults a
// simulation starts from. JSON (or YAML), validated against SCENARIO_SCHEMA with file:line errors.
import {
  ConfigError,
  loadStructuredFile,
  normalizeLocation,
  type OntapDialect,
  parseLocation,
  validateDocument,
} from '@opskit/core';

export type FaultKind =
  | 'reset'
  | 'http-error'
  | 'malformed'
  | 'slow'
  | 'wrong-credentials'
  | 'reboot'
  | 'repeat-tag'
  | 'bad-field'
  | 'reset-after';

export interface ScenarioFault {
  filer: string;
  kind: FaultKind;
  /** Seconds after the scenario start when the fault becomes active (reboot: when it happens). */
  atSeconds?: number;
  /** Requests affected (default 1; 0 = every request from then on). Not used by reboot. */
  count?: number;
  /** http-error: the HTTP status (default 503). */
  status?: number;
  /** slow: real milliseconds the answer is held back (default 5000). */
  delayMs?: number;
  /** reboot: simulated seconds the filer stays down, refusing requests (default 0). */
  downSeconds?: number;
  /** Only requests for this API (ZAPI name, or a REST path prefix such as /api/snapmirror). */
  api?: string;
  /**
   * bad-field: the field whose value is replaced: a ZAPI element name (default `lag-time`) or a dotted
   * REST record field (default `lag_time`).
   */
  field?: string;
  /**
   * bad-field: the value put there (ZAPI: its text, default "abc"; REST: this JSON value, default a
   * value of another JSON type than the original).
   */
  value?: string | number | boolean | null;
}

export interface ScenarioVolume {
  name: string;
  /** The SVM (clustered) or vFiler (7-Mode) holding the volume. */
  svm?: string;
  /** Restricted volumes can be a baseline destination (7-Mode snapmirror-initialize). */
  restricted?: boolean;
  qtrees?: string[];
}

export interface ScenarioFiler {
  name: string;
  dialect: OntapDialect;
  /** Listening port on 127.0.0.1; 0 or absent = a free one. */
  port?: number;
  credentials?: { username: string; password: string };
  /** vFilers (7-Mode) or SVMs (clustered/REST) hosted here; their names prefix locations too. */
  svms?: string[];
  volumes?: ScenarioVolume[];
  /** Bandwidth of the filer's replication network in KB/s, shared fairly (default 125000 = 1 Gbit/s). */
  bandwidthKBps?: number;
  /** Concurrent transfers per node (7-Mode: per system, counted at source and destination). */
  maxConcurrentTransfers?: number;
  /** Version string system-get-version / GET /api/cluster report. */
  version?: string;
  /**
   * REST: `POST .../transfers` answers 202 Accepted with a job (running at its first poll, then
   * success, or failure when the filer refused the transfer) instead of 201 Created.
   */
  restTransferJobs?: boolean;
}

export interface ScenarioRelationship {
  source: string;
  destination: string;
  state?: 'snapmirrored' | 'uninitialized' | 'broken-off' | 'quiesced';
  /** Seconds the mirror lags at the scenario start (default 3600). */
  lagSeconds?: number;
  lastTransferBytes?: number;
  lastTransferSeconds?: number;
  /** Changed bytes waiting for the next update at the scenario start. */
  pendingBytes?: number;
  /** Bytes of new change per second on the source (default 0). */
  changeBytesPerSecond?: number;
  /** Bytes a baseline (initialize) moves (default: pendingBytes, else 1 GiB). */
  baselineBytes?: number;
  /** Relationship throttle in KB/s (0 = unlimited). */
  maxTransferRateKBps?: number;
  /** REST uuid / clustered relationship-id (default: derived from the destination). */
  uuid?: string;
}

export interface ScenarioLink {
  /** Source system (filer, vFiler or SVM name, or a filer outside the simulation). */
  from: string;
  /** Destination filer. */
  to: string;
  bandwidthKBps: number;
}

export interface Scenario {
  /** Simulated start time (ISO 8601); used when the simulator makes its own clock. */
  start?: string;
  filers: ScenarioFiler[];
  relationships?: ScenarioRelationship[];
  links?: ScenarioLink[];
  faults?: ScenarioFault[];
}

const location = {
  type: 'string',
  pattern: '^[^:\\s]+:\\S+$',
  description: 'filer:vol, filer:/vol/v/q or svm:vol',
} as const;
const faultKinds = [
  'reset',
  'http-error',
  'malformed',
  'slow',
  'wrong-credentials',
  'reboot',
  'repeat-tag',
  'bad-field',
  'reset-after',
] as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
const anyText = { type: 'string' } as const;
const nameList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/** A closed object: the listed properties only, the required ones present. */
function record<const R extends readonly string[], const P extends Record<string, unknown>>(
  required: R,
  properties: P,
) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}

/** A list of closed objects. */
function listOf<const R extends readonly string[], const P extends Record<string, unknown>>(
  required: R,
  properties: P,
) {
  return { type: 'array', items: record(required, properties) } as const;
}

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://opskit.dev/schema/ontap-sim-scenario.schema.json',
  title: 'ontap-sim scenario',
  ...record(['filers'], {
    $schema: anyText,
    start: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T', description: 'ISO 8601 date and time' },
    filers: {
      ...listOf(['name', 'dialect'], {
        name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
        dialect: { enum: ['7mode', 'cluster-zapi', 'rest'] },
        port: { type: 'integer', minimum: 0, maximum: 65535 },
        credentials: record(['username', 'password'], {
          username: { type: 'string', minLength: 1 },
          password: anyText,
        }),
        svms: nameList,
        volumes: listOf(['name'], {
          name: { type: 'string', minLength: 1 },
          svm: anyText,
          restricted: { type: 'boolean' },
          qtrees: nameList,
        }),
        bandwidthKBps: { type: 'number', exclusiveMinimum: 0 },
        maxConcurrentTransfers: { type: 'integer', minimum: 1 },
        version: anyText,
        restTransferJobs: { type: 'boolean' },
      }),
      minItems: 1,
    },
    relationships: listOf(['source', 'destination'], {
      source: location,
      destination: location,
      state: { enum: ['snapmirrored', 'uninitialized', 'broken-off', 'quiesced'] },
      lagSeconds: nonNegative,
      lastTransferBytes: nonNegative,
      lastTransferSeconds: nonNegative,
      pendingBytes: nonNegative,
      changeBytesPerSecond: nonNegative,
      baselineBytes: nonNegative,
      maxTransferRateKBps: nonNegative,
      uuid: anyText,
    }),
    links: listOf(['from', 'to', 'bandwidthKBps'], {
      from: anyText,
      to: anyText,
      bandwidthKBps: { type: 'number', exclusiveMinimum: 0 },
    }),
    faults: listOf(['filer', 'kind'], {
      filer: anyText,
      kind: { enum: faultKinds },
      atSeconds: nonNegative,
      count: { type: 'integer', minimum: 0 },
      status: { type: 'integer', minimum: 500, maximum: 599 },
      delayMs: { type: 'integer', minimum: 0 },
      downSeconds: nonNegative,
      api: anyText,
      field: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
      value: { type: ['string', 'number', 'boolean', 'null'] },
    }),
  }),
} as const;

/** Reads and validates a scenario file (JSON or YAML); cross-references are checked too. */
export function loadScenario(file: string): Scenario {
  const doc = validateDocument<Scenario>(loadStructuredFile(file), SCENARIO_SCHEMA);
  checkScenario(doc.data, file, (p) => doc.lineOf(p));
  return doc.data;
}

/** Checks what the schema cannot: unique names, faults naming known filers. */
export function checkScenario(
  scenario: Scenario,
  file?: string,
  lineOf: (pointer: string) => number | undefined = () => undefined,
): void {
  /** Where a value stands, from its path: the line of its JSON pointer and its field name. */
  const at = (...path: [string, ...(string | number)[]]) => ({
    file,
    line: lineOf(`/${path.join('/')}`),
    field: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join(''),
  });
  const names = new Set<string>();
  scenario.filers.forEach((f, i) => {
    const key = f.name.toLowerCase();
    if (names.has(key)) throw new ConfigError(`duplicate filer name "${f.name}"`, at('filers', i, 'name'));
    names.add(key);
  });
  const systems = new Set<string>();
  scenario.filers.forEach((f, i) => {
    for (const [j, s] of [f.name, ...(f.svms ?? [])].entries()) {
      const key = s.toLowerCase();
      if (j > 0 && systems.has(key)) {
        throw new ConfigError(`vFiler/SVM name "${s}" is used twice`, at('filers', i, 'svms', j - 1));
      }
      systems.add(key);
    }
  });
  const destinations = new Set<string>();
  (scenario.relationships ?? []).forEach((r, i) => {
    for (const side of ['source', 'destination'] as const) {
      if (!parseLocation(r[side])) {
        throw new ConfigError(
          `"${r[side]}" is not a location: expected filer:vol, filer:/vol/vol[/qtree] or svm:vol`,
          at('relationships', i, side),
        );
      }
    }
    const where = at('relationships', i, 'destination');
    const system = parseLocation(r.destination)!.system;
    if (!systems.has(system)) {
      throw new ConfigError(`"${system}" is neither a filer nor a vFiler/SVM of the scenario`, where, {
        hint: "a destination must be on a simulated filer (name it in filers[], or in a filer's svms)",
      });
    }
    const key = normalizeLocation(r.destination);
    if (destinations.has(key))
      throw new ConfigError(`a second relationship with destination ${r.destination}`, where);
    destinations.add(key);
  });
  (scenario.links ?? []).forEach((l, i) => {
    if (!names.has(l.to.toLowerCase())) {
      throw new ConfigError(`link goes to unknown filer "${l.to}"`, at('links', i, 'to'));
    }
  });
  (scenario.faults ?? []).forEach((fault, i) => {
    if (!names.has(fault.filer.toLowerCase())) {
      throw new ConfigError(`fault names unknown filer "${fault.filer}"`, at('faults', i, 'filer'));
    }
  });
}
