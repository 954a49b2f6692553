// @opskit/ha-setup public API.
export { BOOT_GUARD_OVERRIDE, GUARDED_UNITS, renderBootGuard, renderBootGuardDropIn } from './boot-guard.js';
export { CIB_SCHEMA, cibSections, renderCib } from './cib.js';
export type { SourcedText } from './conf-writer.js';
export { cryptoOf, deriveBindnetaddr, deriveMulticast, renderCorosyncConf } from './corosync.js';
export { type Choice, explainChoices } from './explain.js';
export { type Artifact, buildPlan, type Plan, renderPlanText, writePlan } from './plan.js';
export { type PrimitiveDef, primitives } from './resources.js';
export { renderSbdConfig, sbdConfigPath } from './sbd-config.js';
export { clusterSpecSchema } from './schema.js';
export { renderCrmScript, renderPcsScript } from './scripts.js';
export {
  type ClusterSpec,
  type LoadedSpec,
  loadClusterSpec,
  parseClusterSpec,
  type ResourceSpec,
} from './spec.js';
export { checkSpecRules, type SpecProblem } from './spec-rules.js';
export { computeTimings, type Timings } from './timings.js';
