// The package as a user imports it.
import { readFileSync } from 'node:fs';
import { buildPlan, clusterSpecSchema, computeTimings, parseClusterSpec, renderCib } from '@opskit/ha-setup';
import { describe, expect, it } from 'vitest';
import { twoNodeYaml } from './fixtures.js';

describe('@opskit/ha-setup public API', () => {
  it('turns a spec into a plan and a CIB', () => {
    const loaded = parseClusterSpec(twoNodeYaml, 'cluster.yaml');
    const plan = buildPlan(loaded);
    expect(plan.cluster).toBe('web');
    expect(renderCib(loaded.spec, computeTimings(loaded.spec), { emptyNodes: true })).toMatch(/<nodes\/>/);
  });

  it('publishes the JSON Schema file, in step with the code', () => {
    const file = JSON.parse(
      readFileSync(new URL('../schema/cluster-spec.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(file).toEqual(JSON.parse(JSON.stringify(clusterSpecSchema)));
  });

  it('ships an example spec that loads', () => {
    const text = readFileSync(new URL('../examples/web-cluster.yaml', import.meta.url), 'utf8');
    expect(parseClusterSpec(text).spec.resources.map((r) => r.id)).toEqual(['clusterIP', 'apache']);
  });
});
