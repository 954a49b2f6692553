// The aggregator's configuration: file validated against its schema; secrets read from mode-600 files.
import { ConfigError, readSecretFile, registerSecret } from '@opskit/core';
import { configReader } from '../config-file.js';
import { reportConfigSchema } from './schema.js';
import type { SnmpAuth } from './snmp.js';

export interface ReportConfig {
  snmp: {
    version: '2c' | '3';
    community?: string;
    communityFile?: string;
    user?: {
      name: string;
      authProtocol: string;
      authKeyFile: string;
      privProtocol: string;
      privKeyFile: string;
    };
    port: number;
    timeoutMs: number;
    retries: number;
    concurrency: number;
  };
  extend: { results: string; cluster: string };
  datacenters: { name: string; principals: string[]; dom0s: string[] }[];
  dom0s: string[];
  dom0File?: string;
  hosts: Record<string, string>;
  maxCacheAge: string;
}

const reader = configReader<ReportConfig>(reportConfigSchema);

/** Reads and validates a configuration file; without a file, the defaults. */
export function loadReportConfig(file?: string): ReportConfig {
  return reader.load(file);
}

/** Validates configuration given as text (YAML or JSON). */
export function parseReportConfig(text: string, file?: string): ReportConfig {
  return reader.parse(text, file);
}

/** The credentials, read from their files (which must not be readable by others). */
export async function resolveAuth(c: ReportConfig['snmp']): Promise<SnmpAuth> {
  if (c.version === '3') {
    if (!c.user) throw new ConfigError('SNMPv3 needs snmp.user', { field: 'snmp.user' });
    const authKey = (await readSecretFile(c.user.authKeyFile)).trim();
    const privKey = (await readSecretFile(c.user.privKeyFile)).trim();
    return {
      version: '3',
      user: {
        name: c.user.name,
        authProtocol: c.user.authProtocol as NonNullable<SnmpAuth['user']>['authProtocol'],
        authKey,
        privProtocol: c.user.privProtocol as NonNullable<SnmpAuth['user']>['privProtocol'],
        privKey,
      },
    };
  }
  const community = c.communityFile ? (await readSecretFile(c.communityFile)).trim() : c.community;
  if (!community)
    throw new ConfigError('SNMPv2c needs snmp.community or snmp.communityFile', { field: 'snmp.community' });
  registerSecret(community);
  return { version: '2c', community };
}
