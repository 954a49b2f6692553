// JSON Schema pieces for check settings, shared by the agent's and the collector's configuration.

export const range = {
  type: ['string', 'number'],
  description: 'Nagios range; a number N means alert above N',
};

/** A check's settings: enabled, warning and critical with their defaults, plus `extra` properties. */
export const thresholds = (warning: number, critical: number, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    enabled: { type: 'boolean', default: true },
    warning: { ...range, default: warning },
    critical: { ...range, default: critical },
    ...extra,
  },
});

/** The disk check's settings beyond its space thresholds. */
export const diskOptions = {
  inodesWarning: { ...range, default: 85 },
  inodesCritical: { ...range, default: 95 },
  ignoreTypes: { type: 'array', items: { type: 'string' }, default: [] },
  ignoreMounts: { type: 'array', items: { type: 'string' }, default: [] },
};
