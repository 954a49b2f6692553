// A ZAPI call the simulated filer refuses: becomes <results status="failed" errno=... reason=...>.
import { SimFailure, type SimFailureReason } from './model.js';

export class ZapiFault extends Error {
  constructor(
    readonly errno: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The errno a dialect answers for each refusal of the model. */
export type FailureErrnos = Readonly<Record<SimFailureReason, number>>;

/** Runs a model operation; a refusal becomes a ZapiFault with the dialect's errno for its reason. */
export function runOrFault(errnos: FailureErrnos, op: () => unknown): void {
  try {
    op();
  } catch (err) {
    if (!(err instanceof SimFailure)) throw err;
    throw new ZapiFault(errnos[err.reason], err.message);
  }
}
