// Group membership resolution: direct members (DNs and bare uids) plus nested groups, flattened to
// login names with cycle detection and a depth cap (a group cut by the cap says so: depthCut). Pure:
// the directory has been read already.

export interface RawGroup {
  dn: string;
  /** Normalised DN. */
  key: string;
  name: string;
  /** Normalised DNs from member / uniqueMember. */
  memberDns: string[];
  /** Bare user names from memberUid (posixGroup). */
  memberUids: string[];
}

export interface ResolvedGroup {
  dn: string;
  name: string;
  users: string[];
  /** Member DNs that are neither a known user nor a known group (outside the bases or filtered out). */
  unresolved: string[];
  /**
   * Set when the depth cap cut this group's members short: the group names from this group down to
   * the first one left out (`top -> mid -> too-deep`). Such a group must not be written.
   */
  depthCut?: string[];
}

export interface ResolveResult {
  groups: Map<string, ResolvedGroup>;
  warnings: string[];
}

/**
 * Flattens every group. `usersByDn` maps normalised user DNs to login names. A cycle (a group that
 * contains itself through others) is reported once and cut; nesting deeper than maxDepth is cut
 * and reported, never silently dropped.
 */
export function resolveGroups(
  groups: RawGroup[],
  usersByDn: Map<string, string>,
  maxDepth: number,
): ResolveResult {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const memo = new Map<string, Set<string>>();
  const warnings = new Set<string>();

  // Returns the users, whether the result is complete on its own (no cycle or depth cut met), which
  // is when it may be memoised (inside a cycle the result depends on where the walk entered it), and
  // the first depth cut met, as the chain of groups from the walk's start.
  interface Expansion {
    users: Set<string>;
    pure: boolean;
    cut?: string[];
  }
  const expand = (g: RawGroup, stack: string[]): Expansion => {
    const cached = memo.get(g.key);
    if (cached) return { users: cached, pure: true };
    const users = new Set<string>(g.memberUids);
    let pure = true;
    let cut: string[] | undefined;
    for (const m of g.memberDns) {
      const user = usersByDn.get(m);
      if (user !== undefined) {
        users.add(user);
        continue;
      }
      const sub = byKey.get(m);
      if (!sub) continue;
      if (stack.includes(sub.key)) {
        const cycle = [...stack.slice(stack.indexOf(sub.key)), sub.key].map((k) => byKey.get(k)?.name ?? k);
        warnings.add(`nested group cycle ${cycle.join(' -> ')} (cut; members are still counted once)`);
        pure = false;
        continue;
      }
      if (stack.length > maxDepth) {
        warnings.add(
          `group ${g.name}: nesting deeper than ${maxDepth} levels below ${byKey.get(stack[0]!)?.name}; members below are not included`,
        );
        pure = false;
        cut ??= [...stack, sub.key].map((k) => byKey.get(k)?.name ?? k);
        continue;
      }
      const inner = expand(sub, [...stack, sub.key]);
      for (const u of inner.users) users.add(u);
      if (!inner.pure) pure = false;
      cut ??= inner.cut;
    }
    // Only complete results are reused: a cut one reused elsewhere would hide the cut there.
    if (pure) memo.set(g.key, users);
    return cut ? { users, pure, cut } : { users, pure };
  };

  const out = new Map<string, ResolvedGroup>();
  for (const g of groups) {
    const { users, cut } = expand(g, [g.key]);
    const unresolved = g.memberDns.filter((m) => !usersByDn.has(m) && !byKey.has(m));
    out.set(g.key, {
      dn: g.dn,
      name: g.name,
      users: [...users].sort(),
      unresolved,
      ...(cut ? { depthCut: cut } : {}),
    });
  }
  return { groups: out, warnings: [...warnings] };
}
