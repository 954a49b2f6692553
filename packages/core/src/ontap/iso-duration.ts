// ISO-8601 durations as ONTAP REST writes them (lag_time "PT8H35M42S", total_duration "PT28M41S").

const PATTERN =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in a duration; undefined when the text is not an ISO-8601 duration. Years are 365 days, months 30. */
export function parseIsoDuration(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return (
    n(1) * 31_536_000 + n(2) * 2_592_000 + n(3) * 604_800 + n(4) * 86_400 + n(5) * 3600 + n(6) * 60 + n(7)
  );
}

/** Whole seconds as `P[nD]T[nH][nM]nS` (days split out as ONTAP does, e.g. "P2DT3H0M5S" -> "P2DT3H5S"). */
export function formatIsoDuration(seconds: number): string {
  let s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  let out = 'P';
  if (d) out += `${d}D`;
  out += 'T';
  if (h) out += `${h}H`;
  if (m) out += `${m}M`;
  if (s || (!h && !m)) out += `${s}S`;
  return out;
}
