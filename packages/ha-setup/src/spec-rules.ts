// Cross-field rules of a cluster spec that JSON Schema cannot express. Each problem names its field and
// what was expected; the loader turns them into one ConfigError with file:line.
import { fieldName } from '@opskit/core';
import { colocationId, FENCE_RESOURCE_ID, generatedIdOwner, locationId, orderId } from './constraint-ids.js';
import { contains, formatNetwork, maskOf, type Network, networkOf, parseIpv4, prefixLength } from './net.js';
import type { ClusterSpec } from './spec.js';
import { computeTimings } from './timings.js';

export interface SpecProblem {
  pointer: string;
  field: string;
  message: string;
}

/** The network of every node address, link by link ([node][link]). */
export function nodeNetworks(spec: ClusterSpec): Network[][] {
  return spec.nodes.map((node) => {
    const prefix = prefixLength(node.netmask ?? spec.netmask ?? 24) ?? 24;
    return node.addresses.map((a) => networkOf(a, prefix) ?? { network: 0, prefix });
  });
}

export const KNET_MAX_NODEID = 65535;

const badMask = (mask: number | string) =>
  `"${mask}" is not a netmask; expected a contiguous mask like 255.255.255.0 or a prefix length 0..32`;

export function checkSpecRules(spec: ClusterSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const add = (pointer: string, message: string) =>
    problems.push({ pointer, field: fieldName(pointer), message });

  // nodes: names, ids, addresses, masks
  if (spec.netmask !== undefined && prefixLength(spec.netmask) === undefined)
    add('/netmask', badMask(spec.netmask));
  const names = new Map<string, number>();
  const ids = new Map<number, number>();
  const addrs = new Map<string, string>();
  spec.nodes.forEach((node, i) => {
    const lower = node.name.toLowerCase();
    const seen = names.get(lower);
    if (seen !== undefined)
      add(
        `/nodes/${i}/name`,
        `duplicate node name "${node.name}" (also nodes[${seen}]); expected a unique name`,
      );
    else names.set(lower, i);
    const seenId = ids.get(node.id!);
    if (seenId !== undefined)
      add(`/nodes/${i}/id`, `duplicate node id ${node.id} (also nodes[${seenId}]); expected a unique id`);
    else ids.set(node.id!, i);
    // knet addresses nodes with 16 bits: corosync refuses "Knet requires nodeid to be less than 65536"
    if (spec.transport === 'knet' && node.id !== undefined && node.id > KNET_MAX_NODEID)
      add(
        `/nodes/${i}/id`,
        `node id ${node.id} is too large for transport knet; expected 1..${KNET_MAX_NODEID}`,
      );
    if (node.netmask !== undefined && prefixLength(node.netmask) === undefined)
      add(`/nodes/${i}/netmask`, badMask(node.netmask));
    node.addresses.forEach((a, l) => {
      if (parseIpv4(a) === undefined)
        add(`/nodes/${i}/addresses/${l}`, `"${a}" is not an IPv4 address; expected four numbers 0..255`);
      const other = addrs.get(a);
      if (other)
        add(
          `/nodes/${i}/addresses/${l}`,
          `address ${a} is already used by ${other}; expected one address per node and link`,
        );
      else addrs.set(a, `nodes[${i}]`);
    });
    if (node.addresses.length !== spec.nodes[0]!.addresses.length)
      add(
        `/nodes/${i}/addresses`,
        `${node.addresses.length} address(es) but nodes[0] has ${spec.nodes[0]!.addresses.length}; expected one address per link on every node`,
      );
    if (spec.transport !== 'knet' && node.addresses.length > 1)
      add(
        `/nodes/${i}/addresses`,
        `${spec.transport} supports one link; expected a single address (use transport knet for more)`,
      );
  });

  const networks = nodeNetworks(spec);
  const multicast = spec.transport === 'udp' || spec.stack === 'legacy';
  if (multicast && networks[0]?.[0]) {
    const first = networks[0][0];
    spec.nodes.forEach((node, i) => {
      const a = node.addresses[0];
      if (i > 0 && a && !contains(first, a))
        add(
          `/nodes/${i}/addresses/0`,
          `${a} is not in ${formatNetwork(first)} (the network of nodes[0]); expected every node in one network for multicast (${spec.stack === 'legacy' ? 'legacy bindnetaddr' : 'transport udp'})`,
        );
    });
  }
  if (spec.multicast && !multicast)
    add(
      '/multicast',
      `only used with transport udp or stack legacy; expected no multicast section with transport ${spec.transport}`,
    );
  if (spec.multicast?.address) {
    const first = parseIpv4(spec.multicast.address);
    if (first === undefined || first >>> 28 !== 0xe)
      add(
        '/multicast/address',
        `${spec.multicast.address} is not a multicast address; expected 224.0.0.0/4 (239.x.x.x preferred)`,
      );
  }

  // quorum and crypto
  if (spec.twoNode === true && spec.nodes.length !== 2)
    add(
      '/twoNode',
      `two_node needs exactly 2 nodes, the spec has ${spec.nodes.length}; expected false or auto`,
    );
  if (
    spec.crypto &&
    spec.transport !== 'knet' &&
    (spec.crypto.cipher !== 'none' || spec.crypto.hash !== 'none')
  )
    add(
      '/crypto',
      `crypto is only valid with transport knet; expected cipher and hash "none" with ${spec.transport}`,
    );
  if (spec.crypto && spec.crypto.cipher !== 'none' && spec.crypto.hash === 'none')
    add('/crypto/hash', 'a cipher needs a hash; expected one of md5, sha1, sha256, sha384, sha512');
  if (spec.stack === 'legacy' && spec.transport === 'knet' && spec.nodes.length > 0)
    add(
      '/stack',
      'the legacy (openais / corosync 1) form has no knet; expected transport udp or udpu with stack legacy',
    );
  if (spec.totem.consensus !== undefined && spec.totem.consensus < 1.2 * spec.totem.token)
    add(
      '/totem/consensus',
      `${spec.totem.consensus} ms is below 1.2 x token (${1.2 * spec.totem.token} ms); expected at least that`,
    );

  // sbd and fencing
  if (spec.sbd) {
    const msgwait = spec.sbd.msgwait ?? 2 * spec.sbd.watchdogTimeout;
    if (msgwait < 2 * spec.sbd.watchdogTimeout)
      add(
        '/sbd/msgwait',
        `${msgwait} s is below 2 x watchdogTimeout (${2 * spec.sbd.watchdogTimeout} s); expected at least that`,
      );
    const dup = spec.sbd.devices.findIndex((d, i) => spec.sbd!.devices.indexOf(d) !== i);
    if (dup >= 0)
      add(`/sbd/devices/${dup}`, `device ${spec.sbd.devices[dup]} is listed twice; expected distinct disks`);
    if (spec.fencing.timeout !== undefined && spec.fencing.timeout < 2 * msgwait)
      add(
        '/fencing/timeout',
        `${spec.fencing.timeout} s is below 2 x msgwait (${2 * msgwait} s); expected at least that`,
      );
    // the random delay is spent inside the fence action's timeout: a delay as long leaves no time to fence
    const t = computeTimings(spec);
    if (spec.fencing.enabled && t.delayMax >= t.stonithTimeout)
      add(
        '/fencing/delayMax',
        `${t.delayMax} s is not below stonith-timeout (${t.stonithTimeout} s${spec.fencing.timeout === undefined ? ', derived from msgwait, token and consensus' : ''}); expected a delay well below it (or a larger fencing.timeout)`,
      );
  } else if (spec.fencing.enabled && spec.nodes.length > 1) {
    add(
      '/fencing',
      'fencing is enabled but no sbd section names a shared disk; expected sbd.devices (or fencing.enabled: false, which is unsafe)',
    );
  }

  // resources, constraints
  const rids = new Map<string, number>();
  spec.resources.forEach((r, i) => {
    const seen = rids.get(r.id);
    if (seen !== undefined)
      add(
        `/resources/${i}/id`,
        `duplicate resource id "${r.id}" (also resources[${seen}]); expected a unique id`,
      );
    else rids.set(r.id, i);
    if (r.id === FENCE_RESOURCE_ID && spec.sbd)
      add(
        `/resources/${i}/id`,
        `"${FENCE_RESOURCE_ID}" is the generated fencing resource; expected another id`,
      );
    const owner = r.id === FENCE_RESOURCE_ID ? undefined : generatedIdOwner(r.id, []);
    if (owner) add(`/resources/${i}/id`, `"${r.id}" is used by ${owner}; expected another id`);
    if (r.type === 'ip') {
      if (r.netmask !== undefined && prefixLength(r.netmask) === undefined)
        add(`/resources/${i}/netmask`, badMask(r.netmask));
      const problem = floatingIpProblem(r.ip, r.netmask, networks);
      if (problem) add(`/resources/${i}/ip`, problem);
      if (addrs.has(r.ip))
        add(
          `/resources/${i}/ip`,
          `${r.ip} is the address of ${addrs.get(r.ip)}; expected a free address for the floating IP`,
        );
    }
  });
  const known = [...rids.keys()];
  const expected = known.length ? `expected one of: ${known.join(', ')}` : 'the spec defines no resources';
  spec.order.forEach((o, i) => {
    for (const key of ['first', 'then'] as const)
      if (!rids.has(o[key])) add(`/order/${i}/${key}`, `no resource "${o[key]}"; ${expected}`);
    if (o.first === o.then)
      add(`/order/${i}/then`, `"${o.then}" is ordered after itself; expected two different resources`);
  });
  spec.colocation.forEach((c, i) => {
    for (const key of ['rsc', 'with'] as const)
      if (!rids.has(c[key])) add(`/colocation/${i}/${key}`, `no resource "${c[key]}"; ${expected}`);
    if (c.rsc === c.with)
      add(`/colocation/${i}/with`, `"${c.with}" is colocated with itself; expected two different resources`);
  });
  const nodeNames = spec.nodes.map((n) => n.name);
  spec.location.forEach((l, i) => {
    if (!rids.has(l.rsc)) add(`/location/${i}/rsc`, `no resource "${l.rsc}"; ${expected}`);
    if (!nodeNames.includes(l.node))
      add(`/location/${i}/node`, `no node "${l.node}"; expected one of: ${nodeNames.join(', ')}`);
  });
  // constraint ids as they end up in the CIB (given or generated) against each other, the resources and
  // the ids ha-setup generates itself
  const cids = new Map<string, string>();
  for (const [list, name, idOf] of [
    [spec.order, 'order', orderId],
    [spec.colocation, 'colocation', colocationId],
    [spec.location, 'location', locationId],
  ] as const)
    list.forEach((c, i) => {
      const id = (idOf as (c: unknown) => string)(c);
      const rid = rids.get(id);
      const clash =
        cids.get(id) ?? (rid !== undefined ? `resources[${rid}].id` : generatedIdOwner(id, known));
      if (clash)
        add(
          c.id ? `/${name}/${i}/id` : `/${name}/${i}`,
          c.id
            ? `id "${id}" is already used by ${clash}; expected a unique id`
            : `the generated id "${id}" is already used by ${clash}; expected a unique id (set ${name}[${i}].id)`,
        );
      else cids.set(id, `${name}[${i}]${c.id ? '.id' : ''}`);
    });
  return problems;
}

/**
 * IPaddr2 brings a floating IP up on the interface whose network holds it: every node needs that network,
 * on the same link, or the IP cannot move there. The network and broadcast addresses are not hosts.
 */
function floatingIpProblem(
  ip: string,
  netmask: number | string | undefined,
  networks: Network[][],
): string | undefined {
  const all = networks.flat();
  if (!all.some((net) => contains(net, ip)))
    return `${ip} is outside every node network (${[...new Set(all.map(formatNetwork))].join(', ')}); expected an address IPaddr2 can bring up on a node interface`;
  const links = networks[0]?.length ?? 0;
  const shared = Array.from({ length: links }, (_, l) => l).find((l) =>
    networks.every((nets) => nets[l] !== undefined && contains(nets[l], ip)),
  );
  if (shared === undefined) {
    const missing = networks.findIndex((nets) => !nets.some((net) => contains(net, ip)));
    const holder = networks.findIndex((nets) => nets.some((net) => contains(net, ip)));
    const net = networks[holder]!.find((n) => contains(n, ip))!;
    return missing >= 0
      ? `${ip} is in ${formatNetwork(net)} of nodes[${holder}] but in no network of nodes[${missing}] (${networks[missing]!.map(formatNetwork).join(', ')}); expected an address in a network every node has, so the IP can move to any node`
      : `${ip} is in node networks on different links; expected an address in a network every node has on the same link`;
  }
  const given = netmask !== undefined ? prefixLength(netmask) : undefined;
  const prefix = given ?? networks[0]![shared]!.prefix;
  const net = networkOf(ip, prefix);
  if (!net || prefix > 30) return undefined;
  const broadcast = (net.network | (~maskOf(prefix) >>> 0)) >>> 0;
  const n = parseIpv4(ip);
  if (n === net.network)
    return `${ip} is the network address of ${formatNetwork(net)}; expected a host address`;
  if (n === broadcast)
    return `${ip} is the broadcast address of ${formatNetwork(net)}; expected a host address`;
  return undefined;
}
