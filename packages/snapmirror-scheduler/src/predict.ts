// Predicting the next transfer of a relationship from the filer's own figures.
import type { Relationship } from '@opskit/core';
import type { SchedulerConfig } from './config.js';
import type { TransferSpec } from './lines.js';

/**
 * Predicted bytes of the next transfer: the line's size= hint, else the last transfer's size scaled by
 * how long the mirror has lagged relative to the usual cycle (clamped to 0.25x..4x), else unknown.
 */
export function predictBytes(
  spec: TransferSpec,
  rel: Relationship | undefined,
  config: SchedulerConfig,
): number | undefined {
  if (spec.sizeHintBytes !== undefined) return spec.sizeHintBytes;
  const last = rel?.last.bytes;
  if (last === undefined || rel?.state === 'uninitialized') return undefined;
  if (rel?.lagSeconds === undefined) return last;
  const factor = Math.min(4, Math.max(0.25, rel.lagSeconds / config.cycleSeconds));
  return Math.round(last * factor);
}

/** Rate cap of a transfer in KB/s (0 = unlimited). */
export function rateOf(spec: TransferSpec, config: SchedulerConfig): number {
  return spec.rateKBps ?? config.defaultRateKBps;
}

/** Predicted duration in seconds at the transfer's cap (or the estimated rate when unlimited). */
export function predictSeconds(
  bytes: number | undefined,
  spec: TransferSpec,
  config: SchedulerConfig,
): number | undefined {
  if (bytes === undefined) return undefined;
  const rate = rateOf(spec, config) || config.estimatedRateKBps;
  return bytes / (rate * 1024);
}
