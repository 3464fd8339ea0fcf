import { inArray, isNull, eq } from 'drizzle-orm';
import { departmentAgents, users } from '../../../db/schema';
import { normalizeMobile } from '../../../contracts/mobile';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import type { UserRow } from '../people';
import type { DirectoryPerson } from './ldap-people';
import type { Placement } from './placement';

/** The accounts linked to a page of entries, by entry id, with their departments: two queries. */
export async function accountsOfPage(ctx: Ctx, directoryId: number, uids: string[]) {
  const rows = uids.length
    ? await ctx.db
        .select()
        .from(users)
        .where(
          inWorkspace(
            users,
            ctx,
            isNull(users.deletedAt),
            eq(users.directoryId, directoryId),
            inArray(users.directoryUid, uids),
          ),
        )
    : [];
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? await ctx.db
        .select({ userId: departmentAgents.userId, departmentId: departmentAgents.departmentId })
        .from(departmentAgents)
        .where(inWorkspace(departmentAgents, ctx, inArray(departmentAgents.userId, ids)))
    : [];
  const departments = new Map<number, number[]>();
  for (const l of links) departments.set(l.userId, [...(departments.get(l.userId) ?? []), Number(l.departmentId)]);
  return { byUid: new Map(rows.map((r) => [r.directoryUid ?? '', r])), departments };
}

/**
 * Whether an active account already is exactly what its entry makes it — the sync's shortcut
 * past `takeIn` for the many people who did not change. Anything else (a difference, a
 * disabled entry, no role, a taken e-mail) goes through `takeIn`, which decides.
 */
export function alreadyTakenIn(
  u: UserRow,
  departments: number[],
  p: DirectoryPerson,
  placement: Placement | null,
): boolean {
  if (!placement || p.disabled || !u.active) return false;
  const level =
    placement.role !== 'agent' ? null : (placement.accessLevelId ?? (u.role === 'agent' ? u.accessLevelId : undefined));
  if (level === undefined) return false;
  const want = [...new Set(placement.role === 'customer' ? [] : placement.departmentIds)].sort((a, b) => a - b);
  return (
    u.username === p.username &&
    u.name === (p.name || p.username) &&
    u.email === p.email &&
    u.mobile === (p.mobile ? normalizeMobile(p.mobile) : null) &&
    u.role === placement.role &&
    u.accessLevelId === level &&
    u.directoryDn === p.dn &&
    [...departments].sort((a, b) => a - b).join() === want.join()
  );
}
