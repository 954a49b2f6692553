// Which domains run on this dom0: `xl list` (or `xm list` on old hosts, both parsed by core), or the
// xenstore tree itself; UUIDs from the domain's `vm` node, since ids change on migration and resume.
import { ExecError, type Executor, OpskitError, parseXlList } from '@opskit/core';
import { createLimiter } from '../report/pool.js';
import type { XenStore, XsNodeInfo } from '../xenstore/store.js';

/** Each domain home's listing, by domid, as the xenstore source read it (reused by the collector). */
export type HomeTrees = Map<number, Map<string, XsNodeInfo>>;

/** Printable ASCII, tab and newlines: a listed value the listing's escaping renders exactly. */
export const PLAIN = /^[\t\n\r\x20-\x7e]*$/;

export interface DomainInfo {
  name: string;
  domid: number;
  uuid?: string | undefined;
  /** xl/xm state letters (`-b----`), when known. */
  state?: string | undefined;
  memoryMiB?: number | undefined;
  /** Set when this domain's own xenstore nodes could not be read (its other fields may be missing). */
  error?: string | undefined;
}

export type DomainSource = 'auto' | 'xl' | 'xm' | 'xenstore';

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

async function uuidOf(store: XenStore, domid: number): Promise<string | undefined> {
  const vm = await store.read(`/local/domain/${domid}/vm`);
  return vm ? UUID.exec(vm)?.[1] : undefined;
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Fills in the UUID from the domain's `vm` node; a failed read marks this domain alone. */
async function addUuid(store: XenStore, d: DomainInfo): Promise<void> {
  try {
    d.uuid ??= await uuidOf(store, d.domid);
  } catch (err) {
    d.error = why(err);
  }
}

async function fromXenstore(store: XenStore, trees?: HomeTrees): Promise<DomainInfo[]> {
  const ids = await store.list('/local/domain');
  if (!ids) throw new OpskitError('E_XENSTORE', 'xenstore has no /local/domain: is this a Xen dom0?');
  const sorted = ids.filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(a) - Number(b));
  const limited = createLimiter(8);
  const found = await Promise.all(
    sorted.map((id) =>
      limited(async (): Promise<DomainInfo | undefined> => {
        let name: string | undefined;
        const home = `/local/domain/${id}`;
        // one listing of the home gives name and vm (and what the collector needs next); a node it
        // does not show as plain text is read on its own, so its exact failure stays this domain's
        const tree = await store.readTree(home).catch(() => undefined);
        if (tree) trees?.set(Number(id), tree);
        const plain = (p: string) => {
          const v = tree?.get(`${home}/${p}`)?.value;
          return v !== undefined && PLAIN.test(v) ? v : undefined;
        };
        try {
          name = plain('name') ?? (await store.read(`${home}/name`));
        } catch (err) {
          // one domain's unreadable name must not hide the others: report it under its domid
          return { name: `domain-${Number(id)}`, domid: Number(id), error: why(err) };
        }
        if (name === undefined) return undefined;
        const d: DomainInfo = { name, domid: Number(id) };
        const vm = plain('vm');
        if (vm !== undefined) d.uuid = UUID.exec(vm)?.[1];
        else await addUuid(store, d);
        return d;
      }),
    ),
  );
  return found.filter((d): d is DomainInfo => d !== undefined);
}

async function fromTool(tool: string, exec: Executor, store: XenStore): Promise<DomainInfo[]> {
  const r = await exec.run(tool, ['list'], { timeoutMs: 30_000 });
  const domains: DomainInfo[] = parseXlList(r.stdout, `${tool} list`).map((row) => ({
    name: row.name,
    domid: row.domid,
    memoryMiB: row.memMiB,
    state: row.state,
    uuid: row.uuid,
  }));
  const limited = createLimiter(8);
  await Promise.all(domains.map((d) => limited(() => addUuid(store, d))));
  return domains;
}

export async function listDomains(
  source: DomainSource,
  exec: Executor,
  store: XenStore,
  tools: { xl?: string; xm?: string } = {},
  trees?: HomeTrees,
): Promise<DomainInfo[]> {
  if (source === 'xenstore') return fromXenstore(store, trees);
  if (source === 'xl' || source === 'xm') return fromTool(tools[source] ?? source, exec, store);
  for (const tool of [tools.xl ?? 'xl', tools.xm ?? 'xm']) {
    try {
      return await fromTool(tool, exec, store);
    } catch (err) {
      if (!(err instanceof ExecError && err.result.exitCode === 127)) throw err;
    }
  }
  return fromXenstore(store, trees);
}

/** listDomains as the collector configuration's `domains` section says (source, xl and xm commands). */
export function listConfiguredDomains(
  cfg: { source: DomainSource; xlCommand: string; xmCommand: string },
  exec: Executor,
  store: XenStore,
  trees?: HomeTrees,
): Promise<DomainInfo[]> {
  return listDomains(cfg.source, exec, store, { xl: cfg.xlCommand, xm: cfg.xmCommand }, trees);
}
