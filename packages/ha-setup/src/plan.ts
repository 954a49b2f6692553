// `plan`: every artifact of the cluster as text, with its place in the output folder, where it is installed
// on a node, and why. Computing is pure; writePlan puts the files down atomically.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@opskit/core';
import { GUARDED_UNITS, renderBootGuard, renderBootGuardDropIn } from './boot-guard.js';
import { cibSections, renderCib } from './cib.js';
import type { SourcedText } from './conf-writer.js';
import { cryptoOf, renderCorosyncConf } from './corosync.js';
import { type Choice, explainChoices } from './explain.js';
import { renderLogrotate, renderPacemakerDropIn, renderRsyslog } from './logging.js';
import { renderSbdConfig, renderSbdDropIn, sbdConfigPath } from './sbd-config.js';
import { renderCrmScript, renderPcsScript } from './scripts.js';
import type { ClusterSpec, LoadedSpec } from './spec.js';
import { computeTimings, type Timings } from './timings.js';

export interface Artifact {
  /** path inside the output folder */
  path: string;
  /** where it goes on a node (absent: a script or a document, not installed) */
  installPath?: string;
  mode: number;
  content: string;
  why: string;
}

export interface Plan {
  cluster: string;
  spec: ClusterSpec;
  specFile: string;
  timings: Timings;
  corosync: SourcedText;
  cib: string;
  artifacts: Artifact[];
  choices: Choice[];
}

function authkeyText(spec: ClusterSpec): string {
  const legacy = spec.stack === 'legacy';
  const copies = spec.nodes
    .slice(1)
    .map((n) => `scp -p /etc/corosync/authkey root@${n.name}:/etc/corosync/authkey`);
  const lines = [
    `Cluster "${spec.cluster}": the shared corosync key (never generated or stored by ha-setup)`,
    '',
    legacy
      ? 'On ONE node:  corosync-keygen   (openais: ais-keygen; key in /etc/ais/authkey)'
      : 'On ONE node:  corosync-keygen -k /etc/corosync/authkey     (256 random bytes, mode 0400)',
    `Copy it to:   ${copies.join('\n              ') || '(single node: nothing to copy)'}`,
    'Check:        same checksum on every node (sha256sum /etc/corosync/authkey), owner root, mode 0400',
  ];
  if (!legacy && cryptoOf(spec).cipher === 'none')
    lines.push('Note: crypto is off in this spec, so corosync does not read the key.');
  lines.push(
    'Lint a key:   ha-setup validate SPEC --authkey FILE (size 128..4096 bytes, 256 expected; mode 0400/0600)',
  );
  return `${lines.join('\n')}\n`;
}

export function buildPlan(loaded: LoadedSpec): Plan {
  const spec = loaded.spec;
  const t = computeTimings(spec);
  const corosync = renderCorosyncConf(spec, t, loaded.file);
  const cib = renderCib(spec, t);
  const a: Artifact[] = [];
  const add = (path: string, content: string, why: string, installPath?: string, mode = 0o644) =>
    a.push({ path, content, why, mode, ...(installPath ? { installPath } : {}) });

  add(
    'corosync/corosync.conf',
    corosync.text,
    'corosync configuration, identical on every node',
    '/etc/corosync/corosync.conf',
  );
  add('corosync/AUTHKEY.txt', authkeyText(spec), 'how to create and copy the shared corosync key');
  const sbd = renderSbdConfig(spec, t);
  if (sbd) add('sbd/sbd', sbd, 'sbd daemon settings', sbdConfigPath(spec));
  const sbdDrop = renderSbdDropIn(t);
  if (sbdDrop)
    add(
      'sbd/sbd.service.d/ha-setup-timeout.conf',
      sbdDrop,
      'sbd start timeout above SBD_DELAY_START',
      '/etc/systemd/system/sbd.service.d/ha-setup-timeout.conf',
    );
  add('pacemaker/cib.xml', cib, 'the full CIB (nodes listed, status empty), checked by crm_verify');
  const sections = cibSections(cib);
  for (const [name, text] of Object.entries(sections))
    add(
      `pacemaker/sections/${name}.xml`,
      text,
      `the ${name} section, staged by apply in a copy of the live CIB, then loaded in one cibadmin --replace`,
    );
  add('pacemaker/cib.crm', renderCrmScript(spec, t), 'the same configuration for crm configure load update');
  add(
    'pacemaker/cib-pcs.sh',
    renderPcsScript(spec, t),
    'the same configuration as pcs commands',
    undefined,
    0o755,
  );
  add(
    'pacemaker/pacemaker.service.d/ha-setup-logging.conf',
    renderPacemakerDropIn(spec),
    'PCMK_logfacility for pacemaker',
    '/etc/systemd/system/pacemaker.service.d/ha-setup-logging.conf',
  );
  add(
    'logging/rsyslog.conf',
    renderRsyslog(spec),
    `cluster facility to ${spec.logging.file}`,
    '/etc/rsyslog.d/30-ha-cluster.conf',
  );
  add(
    'logging/logrotate',
    renderLogrotate(spec),
    `rotation of ${spec.logging.file}`,
    '/etc/logrotate.d/ha-cluster',
  );
  if (spec.bootGuard.enabled) {
    add(
      'boot-guard/ha-boot-guard',
      renderBootGuard(spec),
      'refuses to start the stack after too many boots today',
      spec.bootGuard.scriptPath,
      0o755,
    );
    for (const unit of GUARDED_UNITS)
      add(
        `boot-guard/${unit}.service.d/ha-boot-guard.conf`,
        renderBootGuardDropIn(spec, unit),
        `runs the boot guard before ${unit}`,
        `/etc/systemd/system/${unit}.service.d/ha-boot-guard.conf`,
      );
  }
  const plan: Plan = {
    cluster: spec.cluster,
    spec,
    specFile: loaded.file,
    timings: t,
    corosync,
    cib,
    artifacts: a,
    choices: explainChoices(spec, t),
  };
  add('PLAN.md', renderPlanText(plan), 'this explanation');
  return plan;
}

export function renderPlanText(plan: Plan): string {
  const lines = [`# ha-setup plan for cluster "${plan.cluster}" (from ${plan.specFile})`, '', '## Files', ''];
  for (const a of plan.artifacts)
    lines.push(`- ${a.path}${a.installPath ? ` -> ${a.installPath}` : ''}: ${a.why}`);
  lines.push('', '## Choices', '');
  for (const c of plan.choices) lines.push(`- [${c.topic}] ${c.text}`);
  return `${lines.join('\n')}\n`;
}

/** Writes every artifact into `outDir` (each file atomically: a temp file renamed into place). */
export function writePlan(plan: Plan, outDir: string): string[] {
  const written: string[] = [];
  for (const a of plan.artifacts) {
    const target = join(outDir, a.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, a.content, { mode: a.mode });
    written.push(target);
  }
  return written;
}
