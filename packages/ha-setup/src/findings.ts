// What the checks report: a finding names the tool, the severity, and where in the spec it comes from.
import type { LoadedSpec } from './spec.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  check: string;
  severity: Severity;
  message: string;
  /** JSON pointer into the spec */
  pointer?: string;
  /** "file:line" of the spec field, when known */
  where?: string;
}

export function locate(loaded: LoadedSpec | undefined, f: Finding): Finding {
  if (!loaded || !f.pointer) return f;
  return { ...f, where: loaded.where(f.pointer) };
}
