// Prometheus text exposition and OpenMetrics rendering, for textfile collectors and scrapes.

export type MetricType = 'gauge' | 'counter' | 'untyped' | 'info' | 'stateset';

export interface MetricSample {
  labels?: Record<string, string | number>;
  value: number;
  /** Suffix appended to the family name for this sample (`_total`, `_info`). */
  suffix?: string;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  unit?: string;
  samples: MetricSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeHelp = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabel = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

/** Makes any string a valid metric or label name. */
export function sanitizeMetricName(s: string): string {
  const cleaned = s.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/**
 * Renders metric families. `openMetrics: true` gives the OpenMetrics form (counter samples end in
 * `_total`, `# UNIT`, a closing `# EOF`); otherwise the Prometheus text format node_exporter's
 * textfile collector reads (no timestamps).
 */
export function renderMetrics(families: MetricFamily[], options: { openMetrics?: boolean } = {}): string {
  const om = options.openMetrics ?? false;
  const lines: string[] = [];
  for (const fam of families) {
    if (!NAME.test(fam.name)) throw new Error(`invalid metric name "${fam.name}"`);
    const type = !om && (fam.type === 'info' || fam.type === 'stateset') ? 'gauge' : fam.type;
    const base = om && fam.type === 'counter' ? fam.name.replace(/_total$/, '') : fam.name;
    lines.push(`# HELP ${base} ${escapeHelp(fam.help)}`);
    lines.push(`# TYPE ${base} ${type}`);
    if (om && fam.unit) lines.push(`# UNIT ${base} ${fam.unit}`);
    for (const s of fam.samples) {
      const labels = Object.entries(s.labels ?? {});
      for (const [k] of labels)
        if (!LABEL.test(k) || k.startsWith('__')) throw new Error(`invalid label name "${k}"`);
      const suffix =
        s.suffix ?? (om && fam.type === 'counter' ? '_total' : om && fam.type === 'info' ? '_info' : '');
      const name = suffix && !base.endsWith(suffix) ? `${base}${suffix}` : base;
      const lab = labels.length
        ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(String(v))}"`).join(',')}}`
        : '';
      lines.push(`${name}${lab} ${formatValue(s.value)}`);
    }
  }
  if (om) lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}
