// IPv4 arithmetic for node networks: netmask forms, network addresses, membership.

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** "255.255.255.0", "24" or 24 -> prefix length; undefined when it is not a contiguous mask. */
export function prefixLength(mask: number | string): number | undefined {
  if (typeof mask === 'number') return Number.isInteger(mask) && mask >= 0 && mask <= 32 ? mask : undefined;
  if (/^\d{1,2}$/.test(mask)) return prefixLength(Number(mask));
  const n = parseIpv4(mask);
  if (n === undefined) return undefined;
  const prefix = 32 - Math.log2((~n >>> 0) + 1);
  return Number.isInteger(prefix) ? prefix : undefined;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export interface Network {
  network: number;
  prefix: number;
}

export function networkOf(ip: string, prefix: number): Network | undefined {
  const n = parseIpv4(ip);
  if (n === undefined) return undefined;
  return { network: (n & maskOf(prefix)) >>> 0, prefix };
}

export function contains(net: Network, ip: string): boolean {
  const n = parseIpv4(ip);
  return n !== undefined && (n & maskOf(net.prefix)) >>> 0 === net.network;
}

export function formatNetwork(net: Network): string {
  return `${formatIpv4(net.network)}/${net.prefix}`;
}
