// @opskit/stats-recorder public API.
export * from './collect/guests.js';
export * from './collect/host.js';
export * from './collect/xentop.js';
export { type CheckOptions, type CheckResult, runCheck } from './commands/check.js';
export { runImportSar, SADF_ACTIVITIES, sadfText } from './commands/import-sar.js';
export { type PruneCommandOptions, runPrune } from './commands/prune.js';
export { type RecordCommandOptions, runRecord } from './commands/record.js';
export {
  type ReportCommandOptions,
  type ReportFormat,
  type ReportOutput,
  runReport,
} from './commands/report.js';
export * from './db/errors.js';
export { type OpenOptions, openStatsDb, type StatsDb, schemaVersion } from './db/open.js';
export { APPLICATION_ID, EntityKind, SCHEMA_VERSION } from './db/schema.js';
export * from './record/deltas.js';
export * from './record/future.js';
export * from './record/host-guard.js';
export * from './record/record.js';
export * from './report/build.js';
export * from './report/chart.js';
export * from './report/export.js';
export * from './report/html.js';
export * from './report/metrics.js';
export * from './report/query.js';
export * from './report/range.js';
export * from './report/stats.js';
export * from './report/stream.js';
export * from './report/text.js';
export * from './retention.js';
export * from './sar/guard.js';
export * from './sar/import.js';
export * from './sar/parse-sadf.js';
