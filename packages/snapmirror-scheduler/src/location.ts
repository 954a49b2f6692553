// SnapMirror locations: `filer:vol`, `filer:/vol/vol`, `filer:/vol/vol/qtree` (7-Mode), `svm:vol` (clustered).

export interface Location {
  prefix: string;
  volume: string;
  qtree?: string | undefined;
}

export function parseLocation(text: string): Location | undefined {
  const m = /^([A-Za-z0-9_.-]+):(.+)$/.exec(text.trim());
  if (!m) return undefined;
  const prefix = m[1] ?? '';
  const path = m[2] ?? '';
  const vol = /^\/vol\/([A-Za-z0-9_.-]+)(?:\/([^/\s]+))?\/?$/.exec(path);
  if (vol) return { prefix, volume: vol[1] ?? '', qtree: vol[2] };
  if (/^[A-Za-z0-9_.-]+$/.test(path)) return { prefix, volume: path };
  return undefined;
}

export function formatLocation(loc: Location): string {
  return loc.qtree ? `${loc.prefix}:/vol/${loc.volume}/${loc.qtree}` : `${loc.prefix}:${loc.volume}`;
}

/** A key equal for every spelling of the same location (filer names compare case-insensitively). */
export function locationKey(text: string): string {
  const loc = parseLocation(text);
  if (!loc) return text.trim();
  return `${loc.prefix.toLowerCase()}:${loc.volume}${loc.qtree ? `/${loc.qtree}` : ''}`;
}

/** Fills `{volume}`, `{qtree}` and `{filer}` in a naming template. */
export function applyTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
