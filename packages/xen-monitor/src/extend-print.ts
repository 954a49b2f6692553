#!/usr/bin/env node
// The snmpd `extend` command: prints the collector's cache (or the cluster listing) and exits with its
// Nagios code. Deliberately tiny (node built-ins only) because snmpd waits for it synchronously.
//   extend-print.js results <cache-file> <max-age-seconds>
//   extend-print.js cluster <share-dir>
import { hostname } from 'node:os';
import { readClusterShare, renderCluster } from './collector/cluster.js';
import { extendOutput } from './collector/extend-output.js';

const [mode, arg, maxAge] = process.argv.slice(2);
if (mode === 'results' && arg) {
  const out = extendOutput(arg, Number(maxAge ?? 900) * 1000, Date.now(), hostname());
  process.stdout.write(out.text);
  process.exitCode = out.exitCode;
} else if (mode === 'cluster' && arg) {
  try {
    process.stdout.write(renderCluster(readClusterShare(arg)));
  } catch (err) {
    process.stdout.write(`# opskit-xen-cluster error: ${(err as Error).message}\n`);
    process.exitCode = 3;
  }
} else {
  process.stdout.write(
    'usage: extend-print.js results <cache-file> <max-age-seconds> | cluster <share-dir>\n',
  );
  process.exitCode = 3;
}
