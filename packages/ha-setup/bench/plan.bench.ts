// How long planning a large cluster takes (32 nodes, 200 resources with constraints), against the
// baseline of only parsing and schema-checking the same spec. Run:
//   npx vitest run --config vitest.bench.config.ts --project ha-setup
import { parseStructured, validateDocument } from '@opskit/core';
import { buildPlan, clusterSpecSchema, parseClusterSpec } from '@opskit/ha-setup';
import { expect, it } from 'vitest';

function bigSpec(nodes: number, resources: number): string {
  const lines = ['cluster: big', 'netmask: 16', 'nodes:'];
  for (let i = 1; i <= nodes; i++)
    lines.push(`  - { name: node${i}, addresses: [10.20.${i}.1, 10.30.${i}.1] }`);
  lines.push('sbd:', '  devices: [/dev/disk/by-id/a, /dev/disk/by-id/b, /dev/disk/by-id/c]', 'resources:');
  for (let i = 0; i < resources; i++)
    lines.push(`  - { id: vip${i}, type: ip, ip: 10.20.200.${(i % 250) + 1} }`);
  lines.push('order:');
  for (let i = 1; i < resources; i++) lines.push(`  - { first: vip${i - 1}, then: vip${i} }`);
  lines.push('colocation:');
  for (let i = 1; i < resources; i++) lines.push(`  - { rsc: vip${i}, with: vip0 }`);
  return `${lines.join('\n')}\n`;
}

function time(fn: () => void, rounds: number): number {
  fn();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - start) / rounds;
}

it('plans a 32-node, 200-resource cluster', () => {
  const text = bigSpec(32, 200);
  const rounds = 20;
  const baseline = time(() => {
    validateDocument(parseStructured(text, 'big.yaml'), clusterSpecSchema as unknown as object);
  }, rounds);
  let files = 0;
  const full = time(() => {
    files = buildPlan(parseClusterSpec(text, 'big.yaml')).artifacts.length;
  }, rounds);
  console.log(
    `ha-setup plan (32 nodes, 200 resources, ${files} files): ${full.toFixed(1)} ms per plan; ` +
      `baseline parse + schema check ${baseline.toFixed(1)} ms; ratio ${(full / baseline).toFixed(2)}x`,
  );
  expect(files).toBeGreaterThan(10);
});
