// What the cluster-listing snmpd extend prints: the listing the collector cached from the configuration
// share, flagged when older than expected (the root timer stopped) or missing. Never reads the share
// itself: snmpd waits for its extends synchronously, and an NFS share can hang.
// No core import: this runs inside the light snmpd extend printer.
import { CLUSTER_FORMAT } from './cluster.js';
import { type ExtendOutput, readCacheFile } from './extend-output.js';

export function clusterExtendOutput(cacheFile: string, maxAgeMs: number, now = Date.now()): ExtendOutput {
  const cache = readCacheFile(cacheFile);
  if ('why' in cache) {
    const { why } = cache;
    return {
      text: `# ${CLUSTER_FORMAT} error: no cluster listing cache ${cacheFile} (${why}): has xen-dom0-collector run with clusterDir set?\n`,
      exitCode: 3,
    };
  }
  const { text, mtime } = cache;
  const lines = text.replace(/\n$/, '').split('\n');
  if (!lines[0]?.startsWith(`# ${CLUSTER_FORMAT} `)) return { text: `${lines.join('\n')}\n`, exitCode: 3 };
  const age = now - mtime;
  if (age <= maxAgeMs)
    return {
      text: `${lines.join('\n')}\n`,
      exitCode: lines.some((l) => l.startsWith('# warning: ')) ? 1 : 0,
    };
  lines.splice(
    1,
    0,
    `# warning: stale: cluster listing cache is ${Math.round(age / 60000)}m old (limit ${Math.round(maxAgeMs / 60000)}m): is the collector's cron job or timer running?`,
  );
  return { text: `${lines.join('\n')}\n`, exitCode: 1 };
}
