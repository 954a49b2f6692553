// xen-cluster-report report: discover the dom0s, poll them over SNMP, print or serve the report.
import { type CommandArgs, type CommandContext, NagiosCode, UsageError } from '@opskit/core';
import { runClusterReport } from '../report/cluster.js';
import { loadReportConfig, type ReportConfig, resolveAuth } from '../report/config.js';
import { renderClusterHuman, renderClusterNagios, renderClusterRaw } from '../report/format.js';
import { renderClusterMetrics, serveMetrics } from '../report/metrics.js';
import { printReport, writeMetricsFile } from './print-report.js';

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];

export function applyReportFlags(cfg: ReportConfig, a: CommandArgs, env: NodeJS.ProcessEnv): ReportConfig {
  const c: ReportConfig = structuredClone(cfg);
  for (const p of list(a['principal'])) {
    const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(p);
    if (!m) throw new UsageError(`--principal takes DATACENTER=HOST, got "${p}"`);
    const dc =
      c.datacenters.find((d) => d.name === m[1]) ??
      c.datacenters[c.datacenters.push({ name: m[1]!, principals: [], dom0s: [] }) - 1]!;
    dc.principals.push(m[2]!);
  }
  c.dom0s.push(...list(a['dom0']));
  for (const h of list(a['host'])) {
    const m = /^([^=]+)=(.+)$/.exec(h);
    if (!m) throw new UsageError(`--host takes NAME=ADDRESS[:PORT], got "${h}"`);
    c.hosts[m[1]!] = m[2]!;
  }
  if (typeof a['dom0File'] === 'string') c.dom0File = a['dom0File'];
  // the community: a flag beats the environment, which beats the configuration file (whichever of
  // community and communityFile the file set)
  const flagFile = typeof a['communityFile'] === 'string' ? a['communityFile'] : undefined;
  const flagCommunity = typeof a['community'] === 'string' ? a['community'] : undefined;
  if (flagFile && flagCommunity) throw new UsageError('give --community or --community-file, not both');
  const community = flagCommunity ?? (flagFile ? undefined : env['OPSKIT_SNMP_COMMUNITY']);
  if (flagFile) {
    c.snmp.communityFile = flagFile;
    delete c.snmp.community;
  } else if (community) {
    c.snmp.community = community;
    delete c.snmp.communityFile;
  }
  if (typeof a['v3User'] === 'string') {
    if (typeof a['authFile'] !== 'string' || typeof a['privFile'] !== 'string')
      throw new UsageError('--v3-user needs --auth-file and --priv-file');
    c.snmp.version = '3';
    c.snmp.user = {
      name: a['v3User'],
      authProtocol: 'sha',
      authKeyFile: a['authFile'],
      privProtocol: 'aes',
      privKeyFile: a['privFile'],
    };
  }
  for (const k of ['port', 'retries', 'concurrency'] as const)
    if (typeof a[k] === 'number') c.snmp[k] = a[k] as number;
  if (typeof a['timeout'] === 'number') c.snmp.timeoutMs = a['timeout'] as number;
  if (!c.datacenters.length && !c.dom0s.length && !c.dom0File)
    throw new UsageError(
      'no dom0s to poll: give --principal DC=HOST, --dom0, --dom0-file or a configuration file',
    );
  return c;
}

export async function report(args: CommandArgs, ctx: CommandContext): Promise<number> {
  const config = applyReportFlags(
    loadReportConfig(args.config ?? ctx.env['OPSKIT_XEN_REPORT_CONFIG']),
    args,
    ctx.env,
  );
  const auth = await resolveAuth(config.snmp);
  const poll = () => runClusterReport({ config, auth, clock: ctx.clock });
  if (typeof args['serve'] === 'number') {
    const bind = (args['bind'] as string) ?? '127.0.0.1';
    const server = await serveMetrics(args['serve'] as number, bind, poll);
    ctx.stderr.write(`xen-cluster-report: serving metrics on http://${bind}:${args['serve']}/metrics\n`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    return 0;
  }
  const r = await poll();
  const format = (args['format'] as string) ?? 'human';
  printReport(
    ctx,
    r,
    { json: args.json, format },
    {
      human: renderClusterHuman,
      raw: renderClusterRaw,
      nagios: (x) => renderClusterNagios(x).text,
      metrics: renderClusterMetrics,
    },
  );
  if (typeof args['metricsFile'] === 'string') writeMetricsFile(args['metricsFile'], renderClusterMetrics(r));
  return NagiosCode[r.status];
}
