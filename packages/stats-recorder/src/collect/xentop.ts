// The dom0 views of running guests: `xentop -b` batch output, and `xl list` rows (parsed in core).
import { OpskitError, parseXlList } from '@opskit/core';

/** Cumulative counters and gauges of one domain at one instant. */
export interface GuestSnapshot {
  name: string;
  /** Domain id when the source shows it (xl list); xentop does not. */
  domid?: number;
  /** Bit set of the state letters d s b c p r (dying, shutdown, blocked, crashed, paused, running). */
  state: number;
  vcpus: number;
  /** Cumulative CPU time in tenths of a second. */
  cpuDs: number;
  memKib: number;
  /** Cumulative network KiB (xentop NETTX/NETRX); undefined when the source has no I/O figures. */
  netTxKib?: number;
  netRxKib?: number;
  vbdRd?: number;
  vbdWr?: number;
  vbdRsect?: number;
  vbdWsect?: number;
}

const STATE_LETTERS = 'dsbcpr';

/** "--b---" or "r-----" -> bit set (bit i = letter i of "dsbcpr"). */
export function parseStateFlags(text: string): number {
  let bits = 0;
  for (const ch of text) {
    const i = STATE_LETTERS.indexOf(ch);
    if (i >= 0) bits |= 1 << i;
  }
  return bits;
}

export function formatStateFlags(bits: number): string {
  return [...STATE_LETTERS].map((ch, i) => (bits & (1 << i) ? ch : '-')).join('');
}

/** xl's six state characters are positional: r b p s <shutdown reason> d. */
export function parseXlState(text: string): number {
  const at = (i: number, letter: string) => (text[i] === letter ? 1 << STATE_LETTERS.indexOf(letter) : 0);
  const crashed = text[4] === 'c' ? 1 << STATE_LETTERS.indexOf('c') : 0;
  return at(0, 'r') | at(1, 'b') | at(2, 'p') | at(3, 's') | at(5, 'd') | crashed;
}

const XENTOP_COLUMNS = [
  'NAME',
  'STATE',
  'CPU(sec)',
  'CPU(%)',
  'MEM(k)',
  'MEM(%)',
  'MAXMEM(k)',
  'MAXMEM(%)',
  'VCPUS',
  'NETS',
  'NETTX(k)',
  'NETRX(k)',
  'VBDS',
  'VBD_OO',
  'VBD_RD',
  'VBD_WR',
  'VBD_RSECT',
  'VBD_WSECT',
  'SSID',
];

/**
 * `xentop -b [-f] -i N` output: per iteration a header line then one line per domain (no summary in
 * batch mode). Returns the domains of the last iteration. Names may be right-aligned and truncated
 * to 10 characters without -f; fields are parsed from the right, "no limit" counts as one field.
 */
export function parseXentopBatch(text: string, source = 'xentop'): GuestSnapshot[] {
  const lines = text.split('\n');
  let start = -1;
  lines.forEach((l, i) => {
    if (/^\s*NAME\s+STATE\s+CPU\(sec\)/.test(l)) start = i;
  });
  if (start < 0) {
    throw new OpskitError('E_XENTOP', `${source}: no "NAME STATE CPU(sec)" header line`, {
      hint: 'expected the output of xentop -b',
    });
  }
  const header = lines[start]!.trim().split(/\s+/);
  for (const [i, col] of XENTOP_COLUMNS.entries())
    if (header[i] !== col)
      throw new OpskitError(
        'E_XENTOP',
        `${source}: header column ${i + 1} is "${header[i]}", expected ${col}`,
      );
  const out: GuestSnapshot[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    if (/^\s*NAME\s+STATE/.test(line)) continue;
    const f = line
      .replace(/no limit/g, 'no_limit')
      .trim()
      .split(/\s+/);
    const n = XENTOP_COLUMNS.length - 1; // fields after NAME
    if (f.length < n + 1)
      throw new OpskitError('E_XENTOP', `${source}: line ${i + 1}: expected ${n + 1} fields`);
    const r = f.slice(f.length - n);
    const name = f.slice(0, f.length - n).join(' ');
    const int = (j: number, col: string, optional = false): number | undefined => {
      const v = r[j];
      if (optional && (v === '-' || v === 'n/a')) return undefined;
      const x = Number(v);
      if (!Number.isFinite(x))
        throw new OpskitError('E_XENTOP', `${source}: line ${i + 1}: ${col}: expected a number, got "${v}"`);
      return x;
    };
    out.push({
      name,
      state: parseStateFlags(r[0]!),
      cpuDs: Math.round(int(1, 'CPU(sec)')! * 10),
      memKib: int(3, 'MEM(k)')!,
      vcpus: int(7, 'VCPUS')!,
      netTxKib: int(9, 'NETTX(k)'),
      netRxKib: int(10, 'NETRX(k)'),
      vbdRd: int(13, 'VBD_RD', true),
      vbdWr: int(14, 'VBD_WR', true),
      vbdRsect: int(15, 'VBD_RSECT', true),
      vbdWsect: int(16, 'VBD_WSECT', true),
    });
  }
  return out;
}

/** `xl list` rows as guest snapshots: Mem is MiB, Time(s) has one decimal, states are positional. */
export function parseXlGuests(text: string, source = 'xl list'): GuestSnapshot[] {
  return parseXlList(text, source).map((row) => ({
    name: row.name,
    domid: row.domid,
    memKib: row.memMiB * 1024,
    vcpus: row.vcpus,
    state: parseXlState(row.state),
    cpuDs: Math.round(row.cpuSeconds * 10),
  }));
}
