// @opskit/xen-monitor public API.
export { type AgentConfig, loadAgentConfig, parseAgentConfig, type XenStoreConfig } from './agent/config.js';
export { renderAgentSummary } from './agent/format.js';
export { type AgentRunOptions, type AgentRunResult, runAgent } from './agent/run.js';
export { agentConfigSchema } from './agent/schema.js';
export { checkFilesystem, type FsStats, PSEUDO_FS, realFilesystems } from './checks/disk.js';
export { gatewayFromMac, gatewaysFromRoutes, inNetwork, ipFromMac, parsePing } from './checks/gateway.js';
export { type AgentState, runHostChecks } from './checks/host.js';
export {
  type CpuSample,
  checkCpu,
  checkLoad,
  checkMemory,
  checkSwapActivity,
  checkSwapUsed,
  cpuSample,
  type SwapSample,
} from './checks/system.js';
export type { CheckResult, Thresholds } from './checks/types.js';
export { type ClusterListing, parseCluster, readClusterShare, renderCluster } from './collector/cluster.js';
export { type CollectorConfig, loadCollectorConfig, parseCollectorConfig } from './collector/config.js';
export { type DomainInfo, type DomainSource, listDomains } from './collector/domains.js';
export { type CollectorState, type DomainResult, domainKey, evaluateDomains } from './collector/evaluate.js';
export { type ExtendOutput, extendOutput } from './collector/extend-output.js';
export { renderHuman, renderNagios } from './collector/format.js';
export { collectorFamilies, renderCollectorMetrics } from './collector/metrics.js';
export {
  formatRawLine,
  parseRaw,
  RAW_FORMAT,
  type RawLine,
  type RawReport,
  rawLines,
  renderRaw,
} from './collector/raw.js';
export { type CollectorReport, type CollectorRunOptions, runCollector } from './collector/run.js';
export { collectorConfigSchema } from './collector/schema.js';
export { type SetupAction, setupPermissions } from './collector/setup.js';
export { installSteps, renderSnmpdConfig, type SnmpdConfigOptions } from './collector/snmpd-config.js';
export {
  type AgentRecord,
  formatRecord,
  parseRecord,
  RECORD_FORMAT,
  RECORD_MAX_BYTES,
  RECORD_VERSION,
  RecordError,
} from './record.js';
export {
  type ClusterReport,
  type DiscoveryProblem,
  type Dom0Ref,
  type Dom0Result,
  type Dom0State,
  discoverDom0s,
  pollDom0,
  runClusterReport,
} from './report/cluster.js';
export { loadReportConfig, parseReportConfig, type ReportConfig, resolveAuth } from './report/config.js';
export { renderClusterHuman, renderClusterNagios, renderClusterRaw } from './report/format.js';
export { clusterFamilies, renderClusterMetrics, serveMetrics } from './report/metrics.js';
export { reportConfigSchema } from './report/schema.js';
export { extendIndex, extendOids, readExtend, type SnmpAuth, SnmpReadError } from './report/snmp.js';
export { CliXenStore, type CliXenStoreOptions, parseLsFull } from './xenstore/cli-store.js';
export { DirXenStore } from './xenstore/dir-store.js';
export { sanitiseValue, unsanitiseValue } from './xenstore/escape.js';
export { openXenStore } from './xenstore/open.js';
export { SnapshotXenStore } from './xenstore/snapshot.js';
export * from './xenstore/store.js';
