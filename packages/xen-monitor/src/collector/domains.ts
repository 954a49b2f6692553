// Which domains run on this dom0: `xl list` (or `xm list` on old hosts) parsed from the right, or the
// xenstore tree itself; UUIDs from the domain's `vm` node, since ids change on migration and resume.
import { ExecError, type Executor, OpskitError } from '@opskit/core';
import type { XenStore } from '../xenstore/store.js';

export interface DomainInfo {
  name: string;
  domid: number;
  uuid?: string | undefined;
  /** xl/xm state letters (`-b----`), when known. */
  state?: string | undefined;
  memoryMiB?: number | undefined;
}

export type DomainSource = 'auto' | 'xl' | 'xm' | 'xenstore';

const ROW = /^(.*?\S)\s+(\d+)\s+(\d+)\s+(\d+)\s+([-rbpscdwS]{6})\s+(\d+(?:\.\d+)?)(?:\s+(.*))?$/;

/** Parses `xl list` / `xl list -v` / `xm list` output. */
export function parseXlList(text: string): DomainInfo[] {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length === 0 || !/^Name\s+ID\s+Mem/.test(lines[0]!))
    throw new OpskitError('E_XL_OUTPUT', `unexpected domain list header: "${(lines[0] ?? '').slice(0, 80)}"`);
  return lines.slice(1).map((line, i) => {
    const m = ROW.exec(line.trimEnd());
    if (!m)
      throw new OpskitError(
        'E_XL_OUTPUT',
        `domain list line ${i + 2} not understood: "${line.slice(0, 100)}"`,
      );
    const uuid = /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/.exec(m[7] ?? '')?.[1];
    return { name: m[1]!, domid: Number(m[2]), memoryMiB: Number(m[3]), state: m[5], uuid };
  });
}

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

async function uuidOf(store: XenStore, domid: number): Promise<string | undefined> {
  const vm = await store.read(`/local/domain/${domid}/vm`);
  return vm ? UUID.exec(vm)?.[1] : undefined;
}

async function fromXenstore(store: XenStore): Promise<DomainInfo[]> {
  const ids = await store.list('/local/domain');
  if (!ids) throw new OpskitError('E_XENSTORE', 'xenstore has no /local/domain: is this a Xen dom0?');
  const out: DomainInfo[] = [];
  for (const id of ids.filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(a) - Number(b))) {
    const name = await store.read(`/local/domain/${id}/name`);
    if (name === undefined) continue;
    out.push({ name, domid: Number(id), uuid: await uuidOf(store, Number(id)) });
  }
  return out;
}

async function fromTool(tool: string, exec: Executor, store: XenStore): Promise<DomainInfo[]> {
  const r = await exec.run(tool, ['list'], { timeoutMs: 30_000 });
  const domains = parseXlList(r.stdout);
  for (const d of domains) d.uuid ??= await uuidOf(store, d.domid);
  return domains;
}

export async function listDomains(
  source: DomainSource,
  exec: Executor,
  store: XenStore,
  tools: { xl?: string; xm?: string } = {},
): Promise<DomainInfo[]> {
  if (source === 'xenstore') return fromXenstore(store);
  if (source === 'xl' || source === 'xm') return fromTool(tools[source] ?? source, exec, store);
  for (const tool of [tools.xl ?? 'xl', tools.xm ?? 'xm']) {
    try {
      return await fromTool(tool, exec, store);
    } catch (err) {
      if (!(err instanceof ExecError && err.result.exitCode === 127)) throw err;
    }
  }
  return fromXenstore(store);
}
