// Gateway connectivity: find each interface's gateway (routing table, or the MAC convention of the
// original: 00:16 followed by the IPv4 address in hex, mapped to a gateway by configured rules) and
// ping it with the system's ping.
import { ExecError, type Executor, type RouteEntry } from '@opskit/core';
import { statusOf } from './thresholds.js';
import type { CheckResult, Thresholds } from './types.js';

export interface GatewayRule {
  /** CIDR, e.g. 172.19.10.0/24. */
  network: string;
  gateway: string;
}

export interface GatewayTarget {
  iface: string;
  gateway?: string | undefined;
  /** How the gateway was found, or why none was. */
  source: string;
}

export function ipv4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255))
    throw new Error(`invalid IPv4 address "${ip}"`);
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

export function inNetwork(ip: string, cidr: string): boolean {
  const [net, bits = '32'] = cidr.split('/');
  const b = Number(bits);
  if (!Number.isInteger(b) || b < 0 || b > 32) throw new Error(`invalid network "${cidr}"`);
  const mask = b === 0 ? 0 : (0xffffffff << (32 - b)) >>> 0;
  return (ipv4ToInt(ip) & mask) >>> 0 === (ipv4ToInt(net!) & mask) >>> 0;
}

/** `00:16:ac:13:0a:05` -> 172.19.10.5; undefined when the MAC does not follow the convention. */
export function ipFromMac(mac: string): string | undefined {
  const m = /^00:16:([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})$/i.exec(mac.trim());
  return m
    ? m
        .slice(1, 5)
        .map((h) => Number.parseInt(h, 16))
        .join('.')
    : undefined;
}

/** Per interface, the gateway of its lowest-metric default route, else of any gateway route. */
export function gatewaysFromRoutes(routes: RouteEntry[]): Map<string, string> {
  const out = new Map<string, { gw: string; rank: number }>();
  for (const r of routes) {
    if (!(r.flags & 0x1) || !(r.flags & 0x2)) continue;
    const rank = (r.destination === '0.0.0.0' && r.mask === '0.0.0.0' ? 0 : 1_000_000) + r.metric;
    const cur = out.get(r.iface);
    if (!cur || rank < cur.rank) out.set(r.iface, { gw: r.gateway, rank });
  }
  return new Map([...out].map(([k, v]) => [k, v.gw]));
}

/** Xen's own OUI: `xl` gives guests random 00:16:3e:xx:xx:xx MACs, which encode no address. */
export const isXenDefaultMac = (mac: string) => /^00:16:3e:/i.test(mac.trim());

const prefixLength = (cidr: string) => Number(cidr.split('/')[1] ?? 32);

export function gatewayFromMac(iface: string, mac: string, rules: GatewayRule[]): GatewayTarget {
  const ip = ipFromMac(mac);
  if (!ip) return { iface, source: `MAC ${mac} does not encode an address (00:16 + IPv4 in hex)` };
  // the most specific network wins, whatever the order of the rules
  const rule = rules
    .filter((r) => inNetwork(ip, r.network))
    .sort((a, b) => prefixLength(b.network) - prefixLength(a.network))[0];
  if (!rule) return { iface, source: `address ${ip} (from MAC) matches no gateway rule` };
  return { iface, gateway: rule.gateway, source: `MAC ${mac} -> ${ip} in ${rule.network}` };
}

export interface PingResult {
  sent: number;
  received: number;
  rttMs?: number | undefined;
  error?: string | undefined;
  /** The ping program could not be run at all. */
  missing?: boolean | undefined;
}

/** Parses iputils/busybox ping summaries. */
export function parsePing(stdout: string, stderr: string): PingResult {
  const m = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(stdout);
  const rtt = /= [\d.]+\/([\d.]+)\//.exec(stdout);
  const err = stderr.trim().split('\n').pop() || undefined;
  if (!m) return { sent: 0, received: 0, error: err ?? 'no ping summary in output' };
  return { sent: Number(m[1]), received: Number(m[2]), rttMs: rtt ? Number(rtt[1]) : undefined, error: err };
}

export interface PingOptions {
  command: string[];
  count: number;
  timeoutSeconds: number;
}

export async function ping(exec: Executor, target: string, o: PingOptions): Promise<PingResult> {
  const [cmd = 'ping', ...pre] = o.command;
  let r: Awaited<ReturnType<Executor['run']>>;
  try {
    r = await exec.run(
      cmd,
      [...pre, '-n', '-q', '-c', String(o.count), '-W', String(o.timeoutSeconds), target],
      {
        reject: false,
        timeoutMs: (o.count * (o.timeoutSeconds + 1) + 5) * 1000,
      },
    );
  } catch (err) {
    // the ping program itself is missing: nothing was measured, which is not a network failure
    if (err instanceof ExecError && err.result.exitCode === 127)
      return {
        sent: 0,
        received: 0,
        missing: true,
        error: `ping command not found: ${cmd} (install iputils-ping)`,
      };
    throw err;
  }
  return parsePing(r.stdout, r.stderr);
}

export function gatewayResult(t: GatewayTarget, p: PingResult | undefined, th: Thresholds): CheckResult {
  const name = `gateway:${t.iface}`;
  if (!t.gateway || !p) return { name, status: 'UNKNOWN', message: `${t.iface}: ${t.source}` };
  if (p.missing) return { name, status: 'UNKNOWN', message: `${t.iface}: ${p.error}` };
  if (p.sent === 0)
    return {
      name,
      status: 'CRITICAL',
      value: 100,
      unit: '%',
      message: `${t.iface}: ping ${t.gateway} failed: ${p.error}`,
    };
  const loss = (100 * (p.sent - p.received)) / p.sent;
  return {
    name,
    status: statusOf(loss, th),
    value: loss,
    unit: '%',
    message:
      `${t.iface}: gateway ${t.gateway} ${loss.toFixed(0)}% loss` +
      (p.rttMs !== undefined ? `, rtt ${p.rttMs.toFixed(1)} ms` : ''),
  };
}
