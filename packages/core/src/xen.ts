// Parser for the dom0 domain list: `xl list`, `xl list -v` and the old `xm list`. Rows are read from the
// right, since the name is the only free-form field; a row that does not fit throws instead of guessing.
import { OpskitError } from './errors.js';

/** One row of `xl list` / `xm list`. */
export interface XlListRow {
  name: string;
  domid: number;
  /** Mem column: MiB (current allocation plus outstanding claim). */
  memMiB: number;
  /** VCPUs online. */
  vcpus: number;
  /** The six positional state characters as printed: r b p s <shutdown reason> d, `-` when unset. */
  state: string;
  /** Time(s): cumulative CPU seconds. */
  cpuSeconds: number;
  /** From `xl list -v`. */
  uuid?: string | undefined;
}

const HEADER = /^Name\s+ID\s+Mem(?:\(MiB\))?\s+VCPUs\s+State\s+Time\(s\)/;
// State letters: r b p s, shutdown reason from `-rscwS`, d (xl_info.c, libxl_types.idl).
const ROW = /^(.*\S)\s+(\d+)\s+(\d+)\s+(\d+)\s+([-rbpscdwS]{6})\s+(\d+(?:\.\d+)?)(?:\s+(.*))?$/;
const UUID = /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/;

/**
 * Parses `xl list` (`-v` too) or `xm list` output. `source` names the text in errors (a file or the
 * command). Throws OpskitError E_XL_OUTPUT when there is no header line or a row does not fit.
 */
export function parseXlList(text: string, source = 'xl list'): XlListRow[] {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => HEADER.test(l));
  if (h < 0) {
    const first = lines.find((l) => l.trim()) ?? '';
    throw new OpskitError(
      'E_XL_OUTPUT',
      `${source}: no "Name ID Mem VCPUs State Time(s)" header line, found "${first.trim().slice(0, 80)}"`,
      { hint: 'expected the output of xl list or xm list' },
    );
  }
  const out: XlListRow[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (!line.trim()) continue;
    const m = ROW.exec(line);
    if (!m)
      throw new OpskitError(
        'E_XL_OUTPUT',
        `${source}: line ${i + 1}: cannot parse "${line.trim().slice(0, 100)}"`,
      );
    out.push({
      name: m[1]!,
      domid: Number(m[2]),
      memMiB: Number(m[3]),
      vcpus: Number(m[4]),
      state: m[5]!,
      cpuSeconds: Number(m[6]),
      uuid: UUID.exec(m[7] ?? '')?.[1],
    });
  }
  return out;
}
