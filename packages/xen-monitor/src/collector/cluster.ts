// The cluster listing: a configuration share (NFS) holding one folder per dom0 with a <domU>.cfg file per
// guest, as the original's /data/config/auto. Read, validated, and printed in a stable form the
// aggregator reads over SNMP:
//
//   # opskit-xen-cluster 1 dom0s=<n> domus=<m>
//   <dom0> <domU> <domU> ...          one line per dom0, names sorted
//   # warning: <text>                 problems found in the share (ignored entries, duplicates)
//
// No core import: this runs inside the light snmpd extend printer.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const CLUSTER_FORMAT = 'opskit-xen-cluster';
const HOST = /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/;
const DOMU = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\.cfg$/;

export interface ClusterListing {
  dom0s: { name: string; domUs: string[] }[];
  warnings: string[];
}

export function readClusterShare(dir: string): ClusterListing {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const out: ClusterListing = { dom0s: [], warnings: [] };
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    const isDir =
      e.isDirectory() || (e.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory());
    if (!isDir) {
      out.warnings.push(`${e.name}: not a dom0 folder, ignored`);
      continue;
    }
    if (!HOST.test(e.name)) {
      out.warnings.push(`${e.name}: not a valid host name, ignored`);
      continue;
    }
    const domUs: string[] = [];
    for (const f of readdirSync(path).sort()) {
      if (f.startsWith('.')) continue;
      const m = DOMU.exec(f);
      if (!m) {
        out.warnings.push(`${e.name}/${f}: not a <domU>.cfg file, ignored`);
        continue;
      }
      const other = seen.get(m[1]!);
      if (other) out.warnings.push(`${m[1]}: configured on both ${other} and ${e.name}`);
      seen.set(m[1]!, e.name);
      domUs.push(m[1]!);
    }
    out.dom0s.push({ name: e.name, domUs });
  }
  return out;
}

export function renderCluster(l: ClusterListing): string {
  const n = l.dom0s.reduce((s, d) => s + d.domUs.length, 0);
  return `${[
    `# ${CLUSTER_FORMAT} 1 dom0s=${l.dom0s.length} domus=${n}`,
    ...l.dom0s.map((d) => [d.name, ...d.domUs].join(' ')),
    ...l.warnings.map((w) => `# warning: ${w.replace(/[^\x20-\x7e]/g, '?')}`),
  ].join('\n')}\n`;
}

export function parseCluster(text: string): ClusterListing {
  const lines = text.replace(/\r/g, '').split('\n').filter(Boolean);
  const head = /^# opskit-xen-cluster (\d+) dom0s=(\d+) domus=(\d+)$/.exec(lines[0] ?? '');
  if (!head)
    throw new Error(
      `line 1: expected "# ${CLUSTER_FORMAT} 1 dom0s=N domus=M", got "${(lines[0] ?? '').slice(0, 60)}"`,
    );
  if (head[1] !== '1') throw new Error(`line 1: unsupported cluster listing version ${head[1]}`);
  const out: ClusterListing = { dom0s: [], warnings: [] };
  lines.slice(1).forEach((line, i) => {
    if (line.startsWith('# warning: ')) out.warnings.push(line.slice(11));
    else if (line.startsWith('#')) return;
    else {
      const [name = '', ...domUs] = line.split(' ');
      if (!HOST.test(name) || domUs.some((d) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(d)))
        throw new Error(`line ${i + 2}: expected "<dom0> <domU>...", got "${line.slice(0, 60)}"`);
      out.dom0s.push({ name, domUs });
    }
  });
  if (out.dom0s.length !== Number(head[2]))
    throw new Error(`listing announces ${head[2]} dom0s but holds ${out.dom0s.length}`);
  return out;
}
