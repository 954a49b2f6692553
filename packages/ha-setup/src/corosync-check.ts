// Offline checks of corosync.conf: a key allow-list (corosync 3 accepts unknown keys silently), the real
// `corosync -t` on a copy adjusted for this host, and a lint of the shared key file.

import { randomBytes } from 'node:crypto';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type Executor, exec } from '@opskit/core';
import type { SourcedText } from './conf-writer.js';
import type { Finding } from './findings.js';

// Where and at what priority corosync logs: valid in logging {} and in each logger_subsys {} in it.
const LOG_OUTPUT_KEYS = [
  'to_syslog',
  'syslog_facility',
  'syslog_priority',
  'to_logfile',
  'logfile',
  'logfile_priority',
  'to_stderr',
];

const KNOWN: Record<string, string[]> = {
  totem: [
    'version',
    'cluster_name',
    'transport',
    'crypto_cipher',
    'crypto_hash',
    'crypto_model',
    'secauth',
    'keyfile',
    'key',
    'token',
    'token_coefficient',
    'token_retransmit',
    'hold',
    'token_retransmits_before_loss_const',
    'join',
    'send_join',
    'consensus',
    'merge',
    'downcheck',
    'fail_recv_const',
    'seqno_unchanged_const',
    'heartbeat_failures_allowed',
    'max_network_delay',
    'window_size',
    'max_messages',
    'miss_count_const',
    'knet_pmtud_interval',
    'knet_mtu',
    'knet_compression_model',
    'knet_compression_threshold',
    'knet_compression_level',
    'ip_version',
    'netmtu',
    'threads',
    'clear_node_high_bit',
    'block_unlisted_ips',
    'link_mode',
    'cluster_uuid',
    'config_version',
    'ip_dscp',
    'interface',
  ],
  'totem.interface': [
    'linknumber',
    'ringnumber',
    'bindnetaddr',
    'broadcast',
    'mcastaddr',
    'mcastport',
    'ttl',
    'knet_link_priority',
    'knet_ping_interval',
    'knet_ping_timeout',
    'knet_ping_precision',
    'knet_pong_count',
    'knet_transport',
    'member',
  ],
  'totem.interface.member': ['memberaddr'],
  nodelist: ['node'],
  'nodelist.node': ['name', 'nodeid', ...Array.from({ length: 8 }, (_, i) => `ring${i}_addr`)],
  quorum: [
    'provider',
    'expected_votes',
    'two_node',
    'wait_for_all',
    'last_man_standing',
    'last_man_standing_window',
    'auto_tie_breaker',
    'auto_tie_breaker_node',
    'allow_downscale',
    'device',
  ],
  logging: [
    ...LOG_OUTPUT_KEYS,
    'timestamp',
    'fileline',
    'function_name',
    'debug',
    'logger_subsys',
    'blackbox',
  ],
  'logging.logger_subsys': ['subsys', ...LOG_OUTPUT_KEYS, 'debug'],
  system: [
    'sched_rr',
    'priority',
    'qb_ipc_type',
    'move_to_root_cgroup',
    'allow_knet_handle_fallback',
    'state_dir',
  ],
  resources: ['system'],
  nozzle: ['name', 'ipaddr', 'ipprefix', 'macaddr'],
  '': ['totem', 'nodelist', 'quorum', 'logging', 'system', 'resources', 'nozzle'],
};
const LEGACY = new Set(['aisexec', 'service', 'amf', 'compatibility']);

/** Flags keys corosync 3 does not know (it would ignore them without a word). */
export function lintCorosyncConf(conf: SourcedText, legacy = false): Finding[] {
  const out: Finding[] = [];
  const stack: string[] = [];
  conf.text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const source = conf.sources[i];
    const open = /^([\w.-]+)\s*\{$/.exec(line);
    const kv = /^([\w.-]+)\s*:\s*(.*)$/.exec(line);
    const key = open?.[1] ?? kv?.[1];
    if (line === '}') {
      stack.pop();
      return;
    }
    if (!key) {
      out.push({
        check: 'corosync-lint',
        severity: 'error',
        message: `line ${i + 1}: cannot parse "${line}"`,
        pointer: source,
      });
      return;
    }
    const path = stack.join('.');
    const allowed = KNOWN[path];
    const legacyKey = stack.length === 0 ? LEGACY.has(key) : stack[0] !== undefined && LEGACY.has(stack[0]);
    if (!(legacy && legacyKey) && allowed && !allowed.includes(key))
      out.push({
        check: 'corosync-lint',
        severity: legacyKey ? 'warning' : 'error',
        message: `line ${i + 1}: ${path ? `${path}.` : ''}${key} is not a corosync 3 key (corosync ignores it silently)`,
        pointer: source,
      });
    if (open) stack.push(key);
  });
  return out;
}

export interface CorosyncTestResult {
  findings: Finding[];
  /** the adjusted copy that was checked */
  checkedText: string;
  ran: boolean;
}

/**
 * Runs `corosync -t` on a copy of the generated file: the first node renamed to this host (corosync needs
 * the local node in the nodelist), the key pointed at a throw-away key, no log file and no syslog, and
 * logging to stderr without timestamps (the generated file says to_stderr: no, which would hide every
 * error after the parser stage, e.g. "Knet requires nodeid to be less than 65536"). Line numbers are
 * unchanged, so its "file:line" errors map back to the spec.
 */
export async function corosyncTest(
  conf: SourcedText,
  workDir: string,
  localNode: string,
  run: Executor['run'] = exec,
): Promise<CorosyncTestResult> {
  const key = join(workDir, 'authkey');
  writeFileSync(key, randomBytes(256), { mode: 0o400 });
  const me = hostname();
  // a node already named like this host needs no renaming (and renaming another would duplicate it)
  let renamed = new RegExp(`^\\s*name: ${me.replace(/\./g, '\\.')}$`, 'm').test(conf.text);
  const lines = conf.text.split('\n').map((l) => {
    if (/^\s*keyfile:/.test(l)) return l.replace(/keyfile:.*/, `keyfile: ${key}`);
    if (/^\s*to_logfile:/.test(l)) return l.replace(/to_logfile:.*/, 'to_logfile: no');
    if (/^\s*to_stderr:/.test(l)) return l.replace(/to_stderr:.*/, 'to_stderr: yes');
    if (/^\s*to_syslog:/.test(l)) return l.replace(/to_syslog:.*/, 'to_syslog: no');
    if (/^\s*timestamp:/.test(l)) return l.replace(/timestamp:.*/, 'timestamp: off');
    if (!renamed && new RegExp(`^\\s*name: ${localNode.replace(/\./g, '\\.')}$`).test(l)) {
      renamed = true;
      return l.replace(/name:.*/, `name: ${me}`);
    }
    return l;
  });
  const checkedText = lines.join('\n');
  const file = join(workDir, 'corosync.conf');
  writeFileSync(file, checkedText);
  const r = await run('corosync', ['-t', '-c', file], { reject: false, timeoutMs: 60_000 });
  chmodSync(key, 0o600);
  const findings: Finding[] = [];
  const messages = r.stderr
    .split('\n')
    .map((l) => l.trim())
    // log lines after the parser stage read "LEVEL [SUBSYS] text": keep warnings and errors, without the
    // closing "exiting with status" line, which adds nothing
    .filter(
      (l) => l && !/^(notice|info|debug|trace)\b/.test(l) && !/Corosync Cluster Engine exiting/.test(l),
    );
  for (const m of messages) {
    const text = m.replaceAll(file, 'corosync.conf').replace(/^\w+\s+\[\s*\w+\s*\]\s*/, '');
    const at = /corosync\.conf:(\d+):/.exec(text);
    // messages after the parser name no line, but often the node address ("for address '10.0.0.1'")
    const address = /address '?(\d+\.\d+\.\d+\.\d+)'?/.exec(text)?.[1];
    const line = at ? Number(at[1]) : address ? addressLine(conf.text, address) : undefined;
    const pointer = line ? conf.sources[line - 1] : undefined;
    findings.push({
      check: 'corosync -t',
      severity: r.exitCode === 0 ? 'warning' : 'error',
      message: text,
      pointer,
    });
  }
  if (r.exitCode !== 0 && findings.length === 0)
    findings.push({
      check: 'corosync -t',
      severity: 'error',
      message: `corosync -t exited with ${r.exitCode} without a message`,
    });
  return { findings, checkedText, ran: true };
}

/** The 1-based line of the nodelist entry `ringN_addr: ADDRESS`, if any. */
function addressLine(text: string, address: string): number | undefined {
  const i = text
    .split('\n')
    .findIndex((l) => new RegExp(`^\\s*ring\\d+_addr:\\s*${address.replace(/\./g, '\\.')}\\s*$`).test(l));
  return i >= 0 ? i + 1 : undefined;
}

/** A corosync key: 128..4096 bytes (corosync-keygen makes 256), owned by root, not readable by others. */
export function lintAuthkey(path: string): Finding[] {
  const out: Finding[] = [];
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    return [
      {
        check: 'authkey',
        severity: 'error',
        message: `${path}: cannot read (${(err as NodeJS.ErrnoException).code})`,
      },
    ];
  }
  if (!st.isFile()) out.push({ check: 'authkey', severity: 'error', message: `${path}: not a regular file` });
  else if (st.size < 128 || st.size > 4096)
    out.push({
      check: 'authkey',
      severity: 'error',
      message: `${path}: ${st.size} bytes; expected 128..4096 (corosync-keygen makes 256)`,
    });
  else if (st.size !== 256)
    out.push({
      check: 'authkey',
      severity: 'warning',
      message: `${path}: ${st.size} bytes, a legacy (openais / corosync 1-2) size that corosync 3 accepts silently; expected 256: make a new key with corosync-keygen`,
    });
  if ((st.mode & 0o077) !== 0)
    out.push({
      check: 'authkey',
      severity: 'error',
      message: `${path}: mode ${(st.mode & 0o777).toString(8)}; expected 0400 (chmod 400 ${path})`,
    });
  if (st.uid !== 0)
    out.push({
      check: 'authkey',
      severity: 'warning',
      message: `${path}: owned by uid ${st.uid}; expected root`,
    });
  return out;
}
