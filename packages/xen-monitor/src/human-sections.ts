// What the collector's and the cluster report's human renderings share: errors first, then warnings, then
// unknowns, each section grouped (by domain or by dom0), and a closing line naming what is fine.
import type { NagiosStatus } from '@opskit/core';

export interface FindingGroup {
  heading: string;
  lines: string[];
}

const SECTIONS: [NagiosStatus, string][] = [
  ['CRITICAL', 'ERRORS'],
  ['WARNING', 'WARNINGS'],
  ['UNKNOWN', 'UNKNOWN'],
];

/** The lines of every non-empty section; `groupsOf` gives the findings of one status. */
export function severitySections(groupsOf: (status: NagiosStatus) => FindingGroup[]): string[] {
  const out: string[] = [];
  for (const [status, title] of SECTIONS) {
    const groups = groupsOf(status).filter((g) => g.lines.length);
    if (!groups.length) continue;
    out.push('', `${title}:`);
    for (const g of groups) out.push(`  ${g.heading}`, ...g.lines.map((l) => `    ${l}`));
  }
  return out;
}

export function okLine(names: readonly string[]): string[] {
  return ['', `OK: ${names.length ? names.join(', ') : '(none)'}`];
}
