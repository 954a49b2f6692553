// Per-filer fault rules, consumed request by request: connection reset, HTTP 5xx, malformed body,
// slow answer, wrong credentials. (Reboots are model events: see SimModel.reboot.)
import type { FaultKind, ScenarioFault } from './scenario.js';

export type RequestFaultKind = Exclude<FaultKind, 'reboot'>;

export interface FaultRule {
  kind: RequestFaultKind;
  /** Requests still affected; Infinity = every request. */
  remaining: number;
  status: number;
  delayMs: number;
  api: string | undefined;
  /** Simulated instant from which the rule applies. */
  activeFrom: number;
}

export function faultRule(fault: Omit<ScenarioFault, 'filer'>, activeFrom: number): FaultRule {
  if (fault.kind === 'reboot') throw new Error('a reboot is not a request fault');
  return {
    kind: fault.kind,
    remaining: fault.count === 0 ? Infinity : (fault.count ?? 1),
    status: fault.status ?? 503,
    delayMs: fault.delayMs ?? 5000,
    api: fault.api,
    activeFrom,
  };
}

/** Takes the first rule that applies to this request now, using up one of its requests. */
export function takeFault(rules: FaultRule[], now: number, api: string): FaultRule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule.activeFrom > now) continue;
    if (rule.api && !(api === rule.api || api.startsWith(rule.api))) continue;
    rule.remaining--;
    if (rule.remaining <= 0) rules.splice(i, 1);
    return rule;
  }
  return undefined;
}

/** Cuts a document in the middle of its content, the way a dropped proxy connection leaves it. */
export function truncate(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
