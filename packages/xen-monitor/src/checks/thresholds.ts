// Thresholds in Nagios range syntax; a bare number means "alert above it" as in the plugin guidelines.
import { type NagiosStatus, parseRange, thresholdStatus } from '@opskit/core';
import type { Thresholds } from './types.js';

export function rangeText(t: string | number | undefined): string | undefined {
  return t === undefined ? undefined : String(t);
}

export function statusOf(value: number, t: Thresholds): NagiosStatus {
  const w = rangeText(t.warning);
  const c = rangeText(t.critical);
  return thresholdStatus(
    value,
    w === undefined ? undefined : parseRange(w),
    c === undefined ? undefined : parseRange(c),
  );
}

export const pct = (n: number) => `${n.toFixed(1)}%`;
