// The xenstore permissions each domain needs, made idempotent: a guest-owned data/ under each domU's
// home (the toolstack's default, enforced here), so a guest can write its own record and nobody else's.
import type { XenStore, XsPermission } from '../xenstore/store.js';
import { formatPermissions } from '../xenstore/store.js';
import type { DomainInfo } from './domains.js';

export interface SetupAction {
  domain: string;
  path: string;
  action: 'ok' | 'create' | 'chmod';
  from?: string | undefined;
  to: string;
}

/** Plans (and unless dryRun applies) the permissions of `/local/domain/<id>/data` for every domU. */
export async function setupPermissions(
  store: XenStore,
  domains: DomainInfo[],
  options: {
    dryRun?: boolean;
    /** Where the current permissions come from (default: store.getPermissions), e.g. a tree already read. */
    permissionsOf?: (path: string) => Promise<XsPermission[] | undefined>;
  } = {},
): Promise<SetupAction[]> {
  const permissionsOf = options.permissionsOf ?? ((path: string) => store.getPermissions(path));
  const actions: SetupAction[] = [];
  for (const d of domains) {
    if (d.domid === 0) continue;
    const path = `/local/domain/${d.domid}/data`;
    const want: XsPermission[] = [{ letter: 'n', domid: d.domid }];
    const have = await permissionsOf(path);
    const owner = have?.[0];
    const ok = owner?.domid === d.domid && owner.letter === 'n' && have!.length === 1;
    const action: SetupAction = {
      domain: d.name,
      path,
      action: have === undefined ? 'create' : ok ? 'ok' : 'chmod',
      from: have ? formatPermissions(have) : undefined,
      to: formatPermissions(want),
    };
    actions.push(action);
    if (options.dryRun || action.action === 'ok') continue;
    if (have === undefined) await store.write(path, '');
    await store.setPermissions(path, want);
  }
  return actions;
}
