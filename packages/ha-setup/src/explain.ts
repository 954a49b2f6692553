// One line per choice the plan makes, with the spec field behind it: what `plan` prints.
import { cryptoOf, deriveBindnetaddr, deriveMulticast } from './corosync.js';
import { clusterProperties, resourceDefaults } from './properties.js';
import { colocationId, locationId, orderId, primitives } from './resources.js';
import { sbdConfigPath } from './sbd-config.js';
import type { ClusterSpec } from './spec.js';
import type { Timings } from './timings.js';

export interface Choice {
  topic: string;
  text: string;
  /** JSON pointer of the spec field behind it */
  source?: string;
}

export function explainChoices(spec: ClusterSpec, t: Timings): Choice[] {
  const out: Choice[] = [];
  const add = (topic: string, text: string, source?: string) => out.push({ topic, text, source });
  const n = spec.nodes.length;
  if (spec.stack === 'legacy') {
    add(
      'corosync',
      'legacy openais / corosync 1 form (service { name: pacemaker; ver: 0 }): only for old stacks; corosync 3 cannot read or check it',
      '/stack',
    );
    add(
      'corosync',
      `bindnetaddr ${deriveBindnetaddr(spec)}: the network address (ip AND netmask) of ${spec.nodes[0]!.name}'s ${spec.nodes[0]!.addresses[0]}`,
      '/nodes/0/addresses/0',
    );
  } else {
    add(
      'corosync',
      `transport ${spec.transport}${spec.transport === 'knet' ? ' (default: encrypted, up to 8 links)' : spec.transport === 'udpu' ? ' (unicast UDP, deprecated upstream but still supported)' : ' (multicast UDP, deprecated upstream: the switches must pass multicast)'}`,
      '/transport',
    );
    add(
      'corosync',
      `nodelist with explicit nodeid and name for ${n} node(s); corosync finds the local node by name, then by address`,
      '/nodes',
    );
    const c = cryptoOf(spec);
    if (spec.transport === 'knet')
      add(
        'corosync',
        c.cipher === 'none'
          ? 'crypto off: cluster traffic is neither encrypted nor authenticated'
          : `crypto ${c.cipher}/${c.hash} with the shared key /etc/corosync/authkey`,
        '/crypto',
      );
  }
  if (spec.transport === 'udp' || spec.stack === 'legacy') {
    const m = deriveMulticast(spec);
    add(
      'corosync',
      `multicast ${m.address}:${m.port}${m.derived ? ` (derived from ${spec.nodes[0]!.addresses[0]}: 239.255 + its last two octets, unique per cluster); udp also sends from port ${m.port - 1}, leave a gap between clusters` : ''}`,
      '/multicast',
    );
  }
  if (spec.stack !== 'legacy') {
    if (t.twoNode)
      add(
        'quorum',
        `two_node: 1 (implies wait_for_all): the survivor keeps quorum, a rebooted node waits to see its peer before it may fence (no fence loop)`,
        '/twoNode',
      );
    else
      add(
        'quorum',
        `votequorum with ${n} votes, quorum ${Math.floor(n / 2) + 1}${t.waitForAll ? ', wait_for_all: first quorum only when every node is seen' : ''}`,
        '/nodes',
      );
  }
  add(
    'corosync',
    `token ${t.tokenMs} ms, consensus ${t.consensusMs} ms${n > 2 ? ` (corosync adds ${(n - 2) * 650} ms token coefficient for ${n} nodes)` : ''}`,
    '/totem',
  );
  add(
    'logging',
    `corosync and pacemaker log to syslog facility ${spec.logging.facility}, routed to ${spec.logging.file} (rotated daily, ${spec.logging.rotate} kept)`,
    '/logging',
  );
  if (spec.sbd) {
    add(
      'sbd',
      `config in ${sbdConfigPath(spec)} (${spec.os === 'debian' ? 'Debian reads /etc/default/sbd, not /etc/sysconfig/sbd' : 'RHEL/SUSE path'}); devices ${spec.sbd.devices.join(';')}`,
      '/sbd/devices',
    );
    add(
      'sbd',
      `on-disk timeouts watchdog ${t.watchdogTimeout}s, msgwait ${t.msgwait}s (msgwait >= 2 x watchdog; sbd create needs both given)`,
      '/sbd/watchdogTimeout',
    );
    add(
      'sbd',
      `SBD_DELAY_START=${t.sbdDelayStart}${typeof t.sbdDelayStart === 'number' ? ' (token + consensus + pcmk_delay_max + msgwait): a quickly rebooting node cannot rejoin before its fencing is confirmed; sbd.service start timeout raised to match' : ''}`,
      '/sbd/delayStart',
    );
    add(
      'sbd',
      spec.sbd.startMode === 'clean'
        ? 'SBD_STARTMODE=clean: a fenced node stays out until an admin clears its slot (sbd -d DEV message NODE clear)'
        : 'SBD_STARTMODE=always: a fenced node rejoins by itself (the boot guard stops loops)',
      '/sbd/startMode',
    );
    add('sbd', `watchdog ${spec.sbd.watchdog}: load a hardware watchdog driver or softdog`, '/sbd/watchdog');
  }
  for (const p of primitives(spec, t)) add('resource', `${p.id}: ${p.why}`, p.source);
  spec.location.forEach((l, i) => {
    add(
      'constraint',
      `${locationId(l)}: ${l.rsc} ${String(l.score).startsWith('-') ? 'avoids' : 'prefers'} ${l.node} (score ${l.score}; stickiness ${spec.stickiness} keeps it where it runs)`,
      `/location/${i}`,
    );
  });
  for (const c of spec.colocation)
    add(
      'constraint',
      `${colocationId(c)}: ${c.rsc} runs where ${c.with} runs (score ${c.score})`,
      '/colocation',
    );
  for (const o of spec.order)
    add(
      'constraint',
      `${orderId(o)}: start ${o.first} before ${o.then}, stop in reverse (${o.kind})`,
      '/order',
    );
  for (const s of clusterProperties(spec, t)) add('property', `${s.name}=${s.value}: ${s.why}`, s.source);
  for (const s of resourceDefaults(spec, t)) add('rsc_defaults', `${s.name}=${s.value}: ${s.why}`, s.source);
  add(
    'pengine',
    'no cron job deleting scheduler files: the pe-*-series-max properties make each series a ring buffer; after lowering them, delete old pe-*.bz2 once by hand',
    '/properties',
  );
  if (spec.bootGuard.enabled)
    add(
      'boot-guard',
      `${spec.bootGuard.scriptPath} refuses to start corosync, sbd and pacemaker after more than ${spec.bootGuard.maxBootsPerDay} boots today (journal boot list), with an override file`,
      '/bootGuard',
    );
  else
    add(
      'boot-guard',
      'disabled: two_node/wait_for_all and fencing delays are the only fence-loop protection',
      '/bootGuard/enabled',
    );
  return out;
}
