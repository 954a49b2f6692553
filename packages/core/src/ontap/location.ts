// SnapMirror locations in every spelling the filers and configuration files use, reduced to one form
// so that configuration lines can be matched to the relationships a filer reports.

export interface ParsedLocation {
  /** Filer, vFiler or SVM name, lower case. */
  system: string;
  volume: string;
  qtree?: string | undefined;
  /** Cluster name of the v1 form `cluster://vserver/volume`, when given. */
  cluster?: string | undefined;
}

/**
 * Parses `filer:vol`, `filer:/vol/vol`, `filer:/vol/vol/qtree` (7-Mode), `svm:vol` and
 * `[cluster:]//svm/vol` (clustered). Returns undefined for anything else.
 */
export function parseLocation(location: string): ParsedLocation | undefined {
  const text = location.trim();
  const v1 = /^(?:([^:/\s]+):)?\/\/([^/\s]+)\/([^/\s]+)\/?$/.exec(text);
  if (v1) return { system: v1[2]!.toLowerCase(), volume: v1[3]!, cluster: v1[1]?.toLowerCase() };
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const system = text.slice(0, colon).toLowerCase();
  const path = text.slice(colon + 1);
  if (path.startsWith('/')) {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts[0] !== 'vol' || parts.length < 2 || parts.length > 3) return undefined;
    return { system, volume: parts[1]!, qtree: parts[2] };
  }
  if (path === '' || /[\s/]/.test(path)) return undefined;
  return { system, volume: path };
}

/**
 * The canonical form: `system:volume` for volumes (so 7-Mode `f:vol` == `f:/vol/vol`, and clustered
 * `svm:vol` == `//svm/vol`), `system:/vol/volume/qtree` for qtrees. The system name is lower-cased;
 * volume and qtree names keep their case. Text that is not a location comes back trimmed, unchanged.
 */
export function normalizeLocation(location: string): string {
  const parsed = parseLocation(location);
  if (!parsed) return location.trim();
  return formatParsedLocation(parsed);
}

export function formatParsedLocation(loc: ParsedLocation): string {
  return loc.qtree ? `${loc.system}:/vol/${loc.volume}/${loc.qtree}` : `${loc.system}:${loc.volume}`;
}

/** Whether two spellings name the same volume or qtree. */
export function sameLocation(a: string, b: string): boolean {
  return normalizeLocation(a) === normalizeLocation(b);
}

/** The 7-Mode long form the control APIs document: `filer:/vol/vol[/qtree]`. */
export function longLocation(location: string): string {
  const parsed = parseLocation(location);
  if (!parsed) return location;
  return `${parsed.system}:/vol/${parsed.volume}${parsed.qtree ? `/${parsed.qtree}` : ''}`;
}
