// The XenStore interface every part of xen-monitor uses, whatever backend carries it.
import { OpskitError } from '@opskit/core';

export type XsPermLetter = 'n' | 'r' | 'w' | 'b';
/** One permission entry; the first entry names the owner and is the default for unlisted domains. */
export interface XsPermission {
  letter: XsPermLetter;
  domid: number;
}

export interface XenStore {
  /** The value of `path`, or undefined when the node does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Writes `value`, creating missing parents. */
  write(path: string, value: string): Promise<void>;
  /** Child names of `path`, or undefined when it does not exist. */
  list(path: string): Promise<string[] | undefined>;
  /** Removes `path` and everything below it (no error when it is already gone). */
  remove(path: string): Promise<void>;
  /** The permission list of `path`, or undefined when it does not exist. */
  getPermissions(path: string): Promise<XsPermission[] | undefined>;
  setPermissions(path: string, perms: XsPermission[]): Promise<void>;
  /** This domain's home, `/local/domain/<domid>`. */
  getDomainPath(): Promise<string>;
  /** Every node below `path` (not `path` itself) with value and permissions, in one pass. */
  readTree(path: string): Promise<Map<string, XsNodeInfo>>;
}

export interface XsNodeInfo {
  value: string;
  perms: XsPermission[];
}

/** A xenstore operation was refused or failed (permission, quota, daemon unreachable). */
export class XenStoreError extends OpskitError {
  constructor(
    readonly operation: string,
    readonly path: string,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super('E_XENSTORE', `xenstore ${operation} ${path}: ${message}`, options);
  }
}

export function formatPermissions(perms: readonly XsPermission[]): string {
  return perms.map((p) => `${p.letter}${p.domid}`).join(',');
}

export function parsePermissions(text: string): XsPermission[] {
  return text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((p) => {
      const m = /^([nrwb])(\d+)$/.exec(p);
      if (!m) throw new Error(`invalid xenstore permission "${p}" (expected n|r|w|b followed by a domid)`);
      return { letter: m[1] as XsPermLetter, domid: Number(m[2]) };
    });
}

/** Path validity as xenstored checks it: absolute or relative, limited characters, no empty parts. */
export function isValidPath(path: string): boolean {
  return (
    path.length > 0 &&
    path.length <= 3072 &&
    /^[A-Za-z0-9\-/_@]+$/.test(path) &&
    !path.includes('//') &&
    (path === '/' || !path.endsWith('/'))
  );
}

export function assertValidPath(path: string): void {
  if (!isValidPath(path))
    throw new XenStoreError('access', path, 'invalid path (allowed: A-Z a-z 0-9 - / _ @, no empty parts)');
}
