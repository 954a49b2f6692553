// @opskit/snapmirror-scheduler public API.
export { type BoundCapacity, type BoundTransfer, type LowerBound, lowerBound } from './bound.js';
export { createClients, filerClientConfig } from './clients.js';
export { readSummary, reportCommand } from './commands/report.js';
export { type RunCommandOptions, runCommand } from './commands/run.js';
export {
  loadSimulationScenario,
  type SimulatedTransfer,
  type SimulationResult,
  type SimulationScenario,
  simulateNight,
} from './commands/simulate.js';
export { type FilerStatus, statusCommand } from './commands/status.js';
export {
  CONFIG_FILE,
  type FilerConfig,
  type LimitPair,
  loadConfig,
  parseConfig,
  type SchedulerConfig,
} from './config.js';
export {
  type EventType,
  type ItemState,
  type LaunchAction,
  type OrderPolicy,
  SchedulerEngine,
  type SchedulerEvent,
  type TransferItem,
} from './engine.js';
export { generateNight, type NightOptions } from './generate.js';
export { confFileName, loadSchedules, parseScheduleFile, parseSize, type TransferSpec } from './lines.js';
export { type Plan, type PlannedTransfer, planNight } from './plan.js';
export { renderHtmlReport } from './report-html.js';
export { type RunOptions, runSchedule } from './runner.js';
export { configSchema } from './schema.js';
export {
  buildSummary,
  type RunSummary,
  renderSummary,
  type TimelinePoint,
  type TransferRecord,
} from './summary.js';
export { BusinessHours, limitsAt } from './windows.js';
