// @opskit/ha-setup public API.

export {
  type ApplyOptions,
  type ApplyReport,
  applyCommands,
  applyPlan,
  checkPlanFolder,
  cibLoadCommands,
} from './apply.js';
export { BOOT_GUARD_OVERRIDE, GUARDED_UNITS, renderBootGuard, renderBootGuardDropIn } from './boot-guard.js';
export { CIB_SCHEMA, cibSections, renderCib } from './cib.js';
export { checkAgents, crmVerify } from './cib-check.js';
export type { SourcedText } from './conf-writer.js';
export { cryptoOf, deriveBindnetaddr, deriveMulticast, renderCorosyncConf } from './corosync.js';
export { corosyncTest, lintAuthkey, lintCorosyncConf } from './corosync-check.js';
export { type Choice, explainChoices } from './explain.js';
export type { Finding, Severity } from './findings.js';
export { type Artifact, buildPlan, type Plan, renderPlanText, writePlan } from './plan.js';
export { type PrimitiveDef, primitives } from './resources.js';
export { renderSbdConfig, sbdConfigPath } from './sbd-config.js';
export {
  parseSbdDump,
  parseSbdList,
  type SbdDeviceReport,
  type SbdInitOptions,
  type SbdInitReport,
  sbdInit,
} from './sbd-init.js';
export { clusterSpecSchema } from './schema.js';
export { renderCrmScript, renderPcsScript } from './scripts.js';
export {
  type Placement,
  parseStatusXml,
  type Scenario,
  type SimulationReport,
  simulatePlan,
} from './simulate.js';
export {
  type ClusterSpec,
  type LoadedSpec,
  loadClusterSpec,
  parseClusterSpec,
  type ResourceSpec,
} from './spec.js';
export { checkSpecRules, type SpecProblem } from './spec-rules.js';
export { computeTimings, type Timings } from './timings.js';
export { type ValidateOptions, type ValidationReport, validatePlan } from './validate.js';
