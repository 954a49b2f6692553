// The snmpd.conf lines that expose a dom0's results and the cluster listing through NET-SNMP-EXTEND-MIB,
// plus the install steps. Pure: options in, text out.
import { fileURLToPath } from 'node:url';

export interface SnmpdConfigOptions {
  node?: string;
  /** Absolute path of extend-print.js (default: the one beside this module). */
  printer?: string;
  cacheFile: string;
  /** Seconds after which the cache counts as stale (collector interval plus slack). */
  maxAgeSeconds: number;
  resultsName: string;
  /** The collector's cluster listing cache (clusterCacheFile); omit on dom0s that are not principals. */
  clusterCacheFile?: string | undefined;
  clusterName: string;
  v2c?: { community: string; source: string } | undefined;
  v3?: { user: string; authPassword: string; privPassword: string } | undefined;
  cacheTimeSeconds: number;
}

export const EXTEND_OID = '.1.3.6.1.4.1.8072.1.3.2';

export function defaultPrinter(): string {
  return fileURLToPath(new URL('../extend-print.js', import.meta.url));
}

export function renderSnmpdConfig(o: SnmpdConfigOptions): string {
  const node = o.node ?? process.execPath;
  const printer = o.printer ?? defaultPrinter();
  const lines = [
    '# opskit xen-monitor: dom0 results (and the cluster listing) over NET-SNMP-EXTEND-MIB',
    `# ${o.resultsName}: raw report of xen-dom0-collector, read from its cache (stale after ${o.maxAgeSeconds}s)`,
    `extend -cacheTime ${o.cacheTimeSeconds} ${o.resultsName} ${node} ${printer} results ${o.cacheFile} ${o.maxAgeSeconds}`,
  ];
  if (o.clusterCacheFile)
    lines.push(
      `# ${o.clusterName}: dom0s and their domUs, as the collector listed the configuration share (stale after ${o.maxAgeSeconds}s)`,
      `extend -cacheTime ${o.cacheTimeSeconds} ${o.clusterName} ${node} ${printer} cluster ${o.clusterCacheFile} ${o.maxAgeSeconds}`,
    );
  lines.push(`view opskitxen included ${EXTEND_OID}`);
  if (o.v2c) lines.push(`rocommunity ${o.v2c.community} ${o.v2c.source} -V opskitxen`);
  if (o.v3)
    lines.push(
      `createUser ${o.v3.user} SHA "${o.v3.authPassword}" AES "${o.v3.privPassword}"`,
      `rouser ${o.v3.user} priv -V opskitxen`,
    );
  return `${lines.join('\n')}\n`;
}

export function installSteps(o: SnmpdConfigOptions): string {
  return [
    '# Install:',
    '#  1. append the lines above to /etc/snmp/snmpd.conf and let snmpd listen where the aggregator',
    '#     reaches it (agentaddress udp:161, or a management address). A createUser line may instead go',
    '#     to /var/lib/snmp/snmpd.conf with snmpd stopped, so the passphrases do not stay in /etc.',
    `#  2. make sure root's cron or the systemd timer runs \`xen-dom0-collector collect\`, which writes ${o.cacheFile}`,
    '#     (snmpd runs as Debian-snmp and cannot open the root-only xenstore socket itself).',
    '#  3. systemctl restart snmpd',
    `#  4. check: snmpget -v2c -c COMMUNITY -On localhost '${EXTEND_OID}.3.1.2."${o.resultsName}"'`,
    '',
  ].join('\n');
}
