// @opskit/ontap-sim public API.

/** Re-exported from @opskit/core, where it lives now (kept for callers of ontap-sim's API). */
export { scaledClock } from '@opskit/core';
export type {
  ConcurrencyPeak,
  ConcurrencyReport,
  LastTransferInfo,
  TransferRecord,
  TransferState,
} from './model-types.js';
export { fairRates } from './rates.js';
export {
  checkScenario,
  type FaultKind,
  loadScenario,
  SCENARIO_SCHEMA,
  type Scenario,
  type ScenarioFault,
  type ScenarioFiler,
  type ScenarioLink,
  type ScenarioRelationship,
  type ScenarioVolume,
} from './scenario.js';
export type { TlsMaterial } from './server.js';
export {
  type InjectedFault,
  type RelationshipSnapshot,
  type Simulator,
  type SimulatorEndpoint,
  type StartSimulatorOptions,
  startSimulator,
} from './simulator.js';
