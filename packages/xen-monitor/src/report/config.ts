// The aggregator's configuration: file validated against its schema; secrets read from mode-600 files.
import {
  ConfigError,
  type LoadedDocument,
  loadStructuredFile,
  parseStructured,
  readSecretFile,
  registerSecret,
  validateDocument,
} from '@opskit/core';
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

function validated(doc: LoadedDocument<unknown>): ReportConfig {
  if (doc.data === null || doc.data === undefined) doc = { ...doc, data: {} };
  return validateDocument<ReportConfig>(doc, reportConfigSchema).data;
}

export function loadReportConfig(file?: string): ReportConfig {
  return validated(file ? loadStructuredFile(file) : parseStructured('{}', '(defaults)'));
}

export function parseReportConfig(text: string, file = '(inline)'): ReportConfig {
  return validated(parseStructured(text, file));
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
