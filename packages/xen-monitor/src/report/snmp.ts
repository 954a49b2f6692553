// Reading NET-SNMP-EXTEND-MIB outputs from a dom0 with net-snmp (v2c or v3 authPriv), by numeric OID.
import * as snmp from 'net-snmp';

export const EXTEND_BASE = '1.3.6.1.4.1.8072.1.3.2';

/** The table index of an extend name: its length, then each byte (a non-IMPLIED DisplayString). */
export function extendIndex(name: string): string {
  return [name.length, ...Buffer.from(name, 'latin1')].join('.');
}

export const extendOids = (name: string) => {
  const idx = extendIndex(name);
  return {
    output1Line: `${EXTEND_BASE}.3.1.1.${idx}`,
    outputFull: `${EXTEND_BASE}.3.1.2.${idx}`,
    numLines: `${EXTEND_BASE}.3.1.3.${idx}`,
    result: `${EXTEND_BASE}.3.1.4.${idx}`,
    outLine: `${EXTEND_BASE}.4.1.2.${idx}`,
  };
};

export interface SnmpAuth {
  version: '2c' | '3';
  community?: string | undefined;
  user?:
    | {
        name: string;
        authProtocol: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
        authKey: string;
        privProtocol: 'aes' | 'aes256b' | 'aes256r' | 'des';
        privKey: string;
      }
    | undefined;
}

export interface SnmpTarget {
  host: string;
  port: number;
}

export interface SnmpTiming {
  /** The hard deadline for one host, whatever the retries (the attempts share it). */
  timeoutMs: number;
  retries: number;
}

/** Why a dom0 could not be read: no answer at all, refused credentials, or a protocol-level problem. */
export class SnmpReadError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'auth' | 'protocol' | 'missing',
  ) {
    super(message);
  }
}

export function openSession(target: SnmpTarget, auth: SnmpAuth, timing: SnmpTiming): snmp.Session {
  const common = {
    port: target.port,
    // the attempts share the host's deadline: with retries, each waits its share of timeoutMs
    timeout: Math.max(1, Math.floor(timing.timeoutMs / (timing.retries + 1))),
    retries: timing.retries,
    transport: 'udp4' as const,
  };
  if (auth.version === '3') {
    if (!auth.user) throw new Error('SNMPv3 needs a user');
    return snmp.createV3Session(
      target.host,
      {
        name: auth.user.name,
        level: snmp.SecurityLevel.authPriv,
        authProtocol: snmp.AuthProtocols[auth.user.authProtocol],
        authKey: auth.user.authKey,
        privProtocol: snmp.PrivProtocols[auth.user.privProtocol],
        privKey: auth.user.privKey,
      },
      { ...common, version: snmp.Version3 },
    );
  }
  return snmp.createSession(target.host, auth.community ?? 'public', { ...common, version: snmp.Version2c });
}

function classify(err: Error): SnmpReadError {
  const name = err.name;
  if (name === 'RequestTimedOutError') return new SnmpReadError('no answer (timeout)', 'timeout');
  if (name === 'ResponseInvalidError' || name === 'RequestFailedError') {
    const auth = /auth|authorization|decrypt|unknown user|usm|wrong digest|password|key/i.test(err.message);
    return new SnmpReadError(err.message, auth ? 'auth' : 'protocol');
  }
  return new SnmpReadError(err.message, 'protocol');
}

function get(session: snmp.Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => {
    session.get(oids, (err, varbinds) => (err ? reject(classify(err)) : resolve(varbinds ?? [])));
  });
}

function walkLines(session: snmp.Session, base: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    session.subtree(
      base,
      50,
      (vbs) => {
        for (const vb of vbs) if (!snmp.isVarbindError(vb)) lines.push(String(vb.value));
      },
      (err) => (err ? reject(classify(err)) : resolve(lines)),
    );
  });
}

export interface ExtendReading {
  output: string;
  result: number;
}

/** Reads one extend's full output and exit code; walks the line table when the whole output is too big. */
export async function readExtend(session: snmp.Session, name: string): Promise<ExtendReading> {
  const o = extendOids(name);
  let vbs: snmp.Varbind[];
  try {
    vbs = await get(session, [o.outputFull, o.result]);
  } catch (err) {
    if (err instanceof SnmpReadError && /too ?big/i.test(err.message)) {
      const [res] = await get(session, [o.result]);
      const lines = await walkLines(session, o.outLine);
      return { output: lines.join('\n'), result: Number(res?.value ?? 3) };
    }
    throw err;
  }
  const [full, result] = vbs;
  if (!full || !result || snmp.isVarbindError(full) || snmp.isVarbindError(result))
    throw new SnmpReadError(`no extend "${name}" on this agent (NoSuchInstance)`, 'missing');
  const out = Buffer.isBuffer(full.value) ? full.value.toString('utf8') : String(full.value);
  return { output: out, result: Number(result.value) };
}

/**
 * readExtend on its own session, answered or failed within `timing.timeoutMs` in all (every attempt and
 * every request of a line-table walk included): past the deadline it fails as a timeout.
 */
export async function readExtendWithin(
  target: SnmpTarget,
  auth: SnmpAuth,
  timing: SnmpTiming,
  name: string,
): Promise<ExtendReading> {
  const session = openSession(target, auth, timing);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SnmpReadError(`no answer within ${timing.timeoutMs} ms (timeout)`, 'timeout')),
      timing.timeoutMs,
    );
  });
  try {
    return await Promise.race([readExtend(session, name), deadline]);
  } finally {
    clearTimeout(timer);
    session.close();
  }
}
