// Locations as configuration lines spell them; parsing and matching come from core's ONTAP module.
import { normalizeLocation, parseLocation as parseOntapLocation } from '@opskit/core';

export interface Location {
  /** Filer (7-Mode) or SVM name as written, case kept for display. */
  prefix: string;
  volume: string;
  qtree?: string | undefined;
}

/** `filer:vol`, `filer:/vol/vol`, `filer:/vol/vol/qtree`, `svm:vol`; undefined otherwise. */
export function parseLocation(text: string): Location | undefined {
  const trimmed = text.trim();
  if (trimmed.includes('//')) return undefined;
  const parsed = parseOntapLocation(trimmed);
  if (
    !parsed ||
    !/^[A-Za-z0-9_.-]+$/.test(parsed.volume) ||
    (parsed.qtree && !/^[^\s/]+$/.test(parsed.qtree))
  ) {
    return undefined;
  }
  return { prefix: trimmed.slice(0, trimmed.indexOf(':')), volume: parsed.volume, qtree: parsed.qtree };
}

export function formatLocation(loc: Location): string {
  return loc.qtree ? `${loc.prefix}:/vol/${loc.volume}/${loc.qtree}` : `${loc.prefix}:${loc.volume}`;
}

/** A key equal for every spelling of the same location. */
export const locationKey = normalizeLocation;

/** Fills `{volume}`, `{qtree}` and `{filer}` in a naming template. */
export function applyTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
