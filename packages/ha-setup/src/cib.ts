// The CIB (pacemaker 2.x, schema pacemaker-3.x) as XML, with crmsh-style deterministic ids.

import { CLUSTER_OPTIONS_ID, RESOURCE_DEFAULTS_ID } from './constraint-ids.js';
import { clusterProperties, resourceDefaults, type Setting } from './properties.js';
import { colocationId, locationId, orderId, type PrimitiveDef, primitives } from './resources.js';
import type { ClusterSpec } from './spec.js';
import type { Timings } from './timings.js';
import { xmlEscape as x } from './xml.js';

export const CIB_SCHEMA = 'pacemaker-3.0';

function nvpairs(prefix: string, list: { name: string; value: string }[], indent: string): string {
  return list
    .map(
      (p) => `${indent}<nvpair id="${x(`${prefix}-${p.name}`)}" name="${x(p.name)}" value="${x(p.value)}"/>`,
    )
    .join('\n');
}

function primitiveXml(p: PrimitiveDef): string {
  const provider = p.provider ? ` provider="${x(p.provider)}"` : '';
  const lines = [`      <primitive id="${x(p.id)}" class="${p.cls}"${provider} type="${x(p.type)}">`];
  if (p.params.length)
    lines.push(
      `        <instance_attributes id="${x(p.id)}-instance_attributes">`,
      nvpairs(`${p.id}-instance_attributes`, p.params, '          '),
      '        </instance_attributes>',
    );
  if (p.meta.length)
    lines.push(
      `        <meta_attributes id="${x(p.id)}-meta_attributes">`,
      nvpairs(`${p.id}-meta_attributes`, p.meta, '          '),
      '        </meta_attributes>',
    );
  lines.push('        <operations>');
  for (const op of p.ops)
    lines.push(
      `          <op id="${x(`${p.id}-${op.name}-${op.interval}`)}" name="${op.name}" interval="${op.interval}" timeout="${op.timeout}"/>`,
    );
  lines.push('        </operations>', '      </primitive>');
  return lines.join('\n');
}

function section(name: string, id: string, settings: Setting[], wrapper: string): string {
  return [
    `    <${name}>`,
    `      <${wrapper} id="${id}">`,
    nvpairs(id, settings, '        '),
    `      </${wrapper}>`,
    `    </${name}>`,
  ].join('\n');
}

export interface CibOptions {
  /** Leave <nodes/> empty (for crm_verify / crm_simulate: listed nodes without status look UNCLEAN). */
  emptyNodes?: boolean;
}

export function renderCib(spec: ClusterSpec, t: Timings, options: CibOptions = {}): string {
  const nodes = options.emptyNodes
    ? '    <nodes/>'
    : [
        '    <nodes>',
        ...spec.nodes.map((n) => `      <node id="${n.id}" uname="${x(n.name)}"/>`),
        '    </nodes>',
      ].join('\n');
  const prims = primitives(spec, t);
  const resources = prims.length
    ? ['    <resources>', ...prims.map(primitiveXml), '    </resources>'].join('\n')
    : '    <resources/>';
  const cons = [
    ...spec.location.map(
      (l) =>
        `      <rsc_location id="${x(locationId(l))}" rsc="${x(l.rsc)}" node="${x(l.node)}" score="${l.score}"/>`,
    ),
    ...spec.colocation.map(
      (c) =>
        `      <rsc_colocation id="${x(colocationId(c))}" rsc="${x(c.rsc)}" with-rsc="${x(c.with)}" score="${c.score}"/>`,
    ),
    ...spec.order.map(
      (o) =>
        `      <rsc_order id="${x(orderId(o))}" first="${x(o.first)}" then="${x(o.then)}" kind="${o.kind}"/>`,
    ),
  ];
  const constraints = cons.length
    ? ['    <constraints>', ...cons, '    </constraints>'].join('\n')
    : '    <constraints/>';
  return [
    `<cib crm_feature_set="3.0.14" validate-with="${CIB_SCHEMA}" epoch="1" num_updates="0" admin_epoch="0">`,
    '  <configuration>',
    section('crm_config', CLUSTER_OPTIONS_ID, clusterProperties(spec, t), 'cluster_property_set'),
    nodes,
    resources,
    constraints,
    section('rsc_defaults', RESOURCE_DEFAULTS_ID, resourceDefaults(spec, t), 'meta_attributes'),
    '  </configuration>',
    '  <status/>',
    '</cib>',
    '',
  ].join('\n');
}

/** The sections cibadmin loads on a live cluster (nodes and status stay the cluster's own). */
export function cibSections(
  cib: string,
): Record<'crm_config' | 'resources' | 'constraints' | 'rsc_defaults', string> {
  const grab = (name: string) => {
    const m = new RegExp(`    <${name}(?:/>|>[\\s\\S]*?\\n    </${name}>)`).exec(cib);
    return `${(m?.[0] ?? `<${name}/>`).replace(/^ {4}/gm, '')}\n`;
  };
  // rsc_defaults may be missing from a live CIB, where --replace cannot find it: it is merged with --modify
  // on the configuration instead, so its file carries the <configuration> wrapper.
  const defaults = grab('rsc_defaults').replace(/^/gm, '  ').trimEnd();
  return {
    crm_config: grab('crm_config'),
    resources: grab('resources'),
    constraints: grab('constraints'),
    rsc_defaults: `<configuration>\n${defaults}\n</configuration>\n`,
  };
}
