// What every check returns.
import type { NagiosStatus } from '@opskit/core';

export interface CheckResult {
  /** Stable name: `cpu`, `swap-activity`, `swap-used`, `memory`, `load`, `disk:/var`, `inodes:/var`, `gateway:eth0`. */
  name: string;
  status: NagiosStatus;
  /** The measured value the thresholds apply to (undefined when it could not be measured). */
  value?: number | undefined;
  /** Unit of `value`: `%`, `pages/s`, `load/cpu`. */
  unit?: string | undefined;
  message: string;
}

/** Warning and critical Nagios ranges (`80`, `~:10`, `@0:5`); numbers mean "alert above". */
export interface Thresholds {
  warning?: string | number | undefined;
  critical?: string | number | undefined;
}

/** A check's configuration: its thresholds, an on/off switch and its own options. */
export type Check<T = object> = Thresholds & { enabled: boolean } & T;

/** The disk check's options beyond its space thresholds (checks/schema.ts `diskOptions`). */
export interface DiskOptions {
  inodesWarning: string | number;
  inodesCritical: string | number;
  ignoreTypes: string[];
  ignoreMounts: string[];
}
