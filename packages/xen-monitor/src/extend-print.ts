#!/usr/bin/env node
// The snmpd `extend` command: prints the collector's cache (or the cluster listing) and exits with its
// Nagios code. Deliberately tiny (node built-ins only) because snmpd waits for it synchronously.
//   extend-print.js results <cache-file> <max-age-seconds>
//   extend-print.js cluster <listing-cache-file> <max-age-seconds>
import { hostname } from 'node:os';
import { clusterExtendOutput } from './collector/cluster-cache.js';
import { extendOutput } from './collector/extend-output.js';

const [mode, arg, maxAge] = process.argv.slice(2);
if (mode === 'results' && arg) {
  const out = extendOutput(arg, Number(maxAge ?? 900) * 1000, Date.now(), hostname());
  process.stdout.write(out.text);
  process.exitCode = out.exitCode;
} else if (mode === 'cluster' && arg) {
  const out = clusterExtendOutput(arg, Number(maxAge ?? 900) * 1000, Date.now());
  process.stdout.write(out.text);
  process.exitCode = out.exitCode;
} else {
  process.stdout.write(
    'usage: extend-print.js results <cache-file> <max-age-seconds> | cluster <listing-cache-file> <max-age-seconds>\n',
  );
  process.exitCode = 3;
}
