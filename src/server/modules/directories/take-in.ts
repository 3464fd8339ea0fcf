import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { departmentAgents, users } from '../../../db/schema';
import { normalizeMobile } from '../../../contracts/mobile';
import { withTx, type Ctx } from '../../platform/context';
import { forgetActors } from '../../platform/auth/actor-cache';
import { inWorkspace } from '../../platform/db/scope';
import { AppError } from '../../platform/errors';
import { audit } from '../audit';
import { assertWithinLimit } from '../cloud';
import { getSettings } from '../settings';
import {
  defaultAccessLevelId,
  endSessionsAndTokens,
  lockActiveAdmins,
  replaceDepartments,
  type UserRow,
} from '../people';
import type { DirectoryRow } from './directories.repo';
import type { DirectoryPerson } from './ldap-people';
import type { Placement } from './placement';

/** `limit_reached`: cloud mode, a new (or reactivated) person past the plan's limit, left out (`skipOverLimit`). */
export type TakeInChange = 'created' | 'updated' | 'unchanged' | 'deactivated' | 'skipped' | 'limit_reached';

/** The account linked to a directory entry, if any. */
export async function linkedAccount(ctx: Ctx, directoryId: number, uid: string): Promise<UserRow | null> {
  const [row] = await ctx.db
    .select()
    .from(users)
    .where(
      inWorkspace(users, ctx, isNull(users.deletedAt), eq(users.directoryId, directoryId), eq(users.directoryUid, uid)),
    );
  return row ?? null;
}

/** Others (not `selfId`) already holding a username, e-mail or mobile. */
async function holders(
  ctx: Ctx,
  p: { username: string; email: string | null; mobile: string | null },
  selfId?: number,
) {
  const match: SQL[] = [sql`lower(${users.username}) = ${p.username.toLowerCase()}`];
  if (p.email) match.push(sql`lower(${users.email}) = ${p.email}`);
  if (p.mobile) match.push(eq(users.mobile, p.mobile));
  return ctx.db
    .select()
    .from(users)
    .where(
      and(
        inWorkspace(users, ctx, isNull(users.deletedAt), selfId ? sql`${users.id} <> ${selfId}` : undefined),
        sql`(${sql.join(match, sql` or `)})`,
      ),
    );
}

/**
 * A local account the directory may take over: one the mail or guest form made (a customer
 * without a password or a directory) with the same username or e-mail. Nobody with a password
 * or staff rights is ever taken over by a directory entry that happens to share an address.
 */
const takeable = (u: UserRow, p: { username: string; email: string | null }) =>
  !u.directoryId &&
  !u.passwordHash &&
  u.role === 'customer' &&
  (u.username.toLowerCase() === p.username.toLowerCase() || (!!p.email && u.email?.toLowerCase() === p.email));

/**
 * The same directory's account of someone whose entry was deleted (and so deactivated by the
 * directory) when an entry with that username appears again: AD admins delete and re-create
 * accounts, which gives the entry a new objectGUID. The account and its history carry on.
 */
const recreated = (u: UserRow, directoryId: number, username: string) =>
  u.directoryId === directoryId &&
  u.directoryDisabled &&
  !u.active &&
  u.username.toLowerCase() === username.toLowerCase();

/**
 * Creates, updates, reactivates or deactivates the account of a directory person (at sign-in
 * and in a sync). `placement` null (no mapped group with the default role "none") or a disabled
 * entry leaves the person without an active account. The directory is the source of name,
 * e-mail, mobile, role, access level and departments; a manual deactivation here is kept. With
 * `dryRun` nothing is written and the change is only named.
 */
export async function takeIn(
  ctx: Ctx,
  dir: DirectoryRow,
  person: DirectoryPerson,
  placement: Placement | null,
  opts: { dryRun?: boolean; skipOverLimit?: boolean } = {},
): Promise<{ change: TakeInChange; user: UserRow | null }> {
  try {
    return await takeInOnce(ctx, dir, person, placement, opts);
  } catch (e) {
    // Cloud mode: a sync leaves out whoever would pass the plan's limit (their transaction rolled
    // back alone) and goes on with the others; a sign-in answers the 402 itself.
    if (opts.skipOverLimit && e instanceof AppError && e.code === 'limit_reached') {
      ctx.deps.log.warn(
        { directoryId: dir.id, username: person.username, limit: e.details?.limit },
        'directory person skipped: limit_reached',
      );
      return { change: 'limit_reached', user: null };
    }
    // A sign-in and a sync (or two sign-ins) created the same person at once: the second
    // finds the first's account on its next look.
    const code =
      (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
    if (code !== '23505') throw e;
    return takeInOnce(ctx, dir, person, placement, opts);
  }
}

async function takeInOnce(
  ctx: Ctx,
  dir: DirectoryRow,
  person: DirectoryPerson,
  placement: Placement | null,
  opts: { dryRun?: boolean } = {},
): Promise<{ change: TakeInChange; user: UserRow | null }> {
  if (!person.username) return { change: 'skipped', user: null };
  const p = { ...person, mobile: person.mobile ? normalizeMobile(person.mobile) : null };
  const linked = await linkedAccount(ctx, dir.id, p.uid);
  const others = await holders(ctx, p, linked?.id);
  const candidate = linked
    ? null
    : (others.find((u) => recreated(u, dir.id, p.username)) ?? others.find((u) => takeable(u, p)) ?? null);
  const current = linked ?? candidate;

  if (!placement || p.disabled) {
    // Only the entry's own account is touched; a local account it could have taken over stays as it is.
    if (!linked) return { change: 'skipped', user: null };
    if (!linked.active) return { change: 'unchanged', user: linked };
    if (opts.dryRun) return { change: 'deactivated', user: linked };
    return withTx(ctx, async (tx) => {
      const [row] = await tx.db
        .update(users)
        .set({ active: false, directoryDisabled: true, updatedAt: tx.deps.clock.now() })
        .where(inWorkspace(users, tx, eq(users.id, linked.id)))
        .returning();
      await endSessionsAndTokens(tx, linked.id);
      await audit(tx, 'user.deactivated', 'user', linked.id, { directoryId: dir.id });
      forgetActors(tx.deps, linked.id);
      return { change: 'deactivated' as const, user: row };
    });
  }

  const blocking = others.filter((u) => u.id !== current?.id);
  // The username is the person's sign-in name: taken by someone else, the entry waits for an admin.
  if (blocking.some((u) => u.username.toLowerCase() === p.username.toLowerCase())) {
    ctx.deps.log.warn(
      { directoryId: dir.id, dn: p.dn },
      'directory person skipped: the username belongs to another account',
    );
    return { change: 'skipped', user: null };
  }
  // An e-mail or mobile someone else holds stays theirs; this account goes without it.
  const email = blocking.some((u) => u.email?.toLowerCase() === p.email) ? null : p.email;
  const mobile = blocking.some((u) => u.mobile === p.mobile) ? null : p.mobile;

  const staff = placement.role !== 'customer';
  const accessLevelId =
    placement.role !== 'agent'
      ? null
      : (placement.accessLevelId ??
        (current?.role === 'agent' ? current.accessLevelId : await defaultAccessLevelId(ctx)));
  const fields = {
    username: p.username,
    name: p.name || p.username,
    email,
    mobile,
    role: placement.role,
    accessLevelId,
    directoryDn: p.dn,
  };
  const reactivate = !!current && !current.active && current.directoryDisabled;

  if (!current) {
    if (opts.dryRun) return { change: 'created', user: null };
    const locale = (await getSettings(ctx)).defaultLocale;
    return withTx(ctx, async (tx) => {
      await assertWithinLimit(tx, staff ? 'agents' : 'customers');
      const now = tx.deps.clock.now();
      const [row] = await tx.db
        .insert(users)
        .values({
          workspaceId: tx.workspaceId,
          ...fields,
          directoryId: dir.id,
          directoryUid: p.uid,
          locale,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (staff) await replaceDepartments(tx, row.id, placement.departmentIds);
      await audit(tx, 'user.created', 'user', row.id, { role: row.role, username: row.username, directoryId: dir.id });
      return { change: 'created' as const, user: row };
    });
  }

  const currentDepartments = staff || current.role !== 'customer' ? await departmentsOf(ctx, current.id) : [];
  const wantDepartments = staff ? [...new Set(placement.departmentIds)].sort((a, b) => a - b) : [];
  const changed =
    !linked ||
    reactivate ||
    (Object.keys(fields) as (keyof typeof fields)[]).some((k) => (current[k] ?? null) !== (fields[k] ?? null)) ||
    currentDepartments.join() !== wantDepartments.join();
  if (!changed) return { change: 'unchanged', user: current };
  if (opts.dryRun) return { change: 'updated', user: current };
  return withTx(ctx, async (tx) => {
    let role = fields.role;
    // The directory never demotes the workspace's last active admin (nobody could undo it).
    if (current.role === 'admin' && role !== 'admin') {
      const admins = await lockActiveAdmins(tx);
      if (admins.includes(current.id) && admins.length <= 1) role = 'admin';
    }
    // Cloud mode: a reactivated account, or one changing between staff and customer, takes a place.
    const counted = (r: string, active: boolean) => (!active ? null : r === 'customer' ? 'customers' : 'agents');
    const after = counted(role, current.active || reactivate);
    if (after && after !== counted(current.role, current.active)) await assertWithinLimit(tx, after);
    const [row] = await tx.db
      .update(users)
      .set({
        ...fields,
        role,
        accessLevelId: role === 'agent' ? fields.accessLevelId : null,
        directoryId: dir.id,
        directoryUid: p.uid,
        ...(reactivate ? { active: true, directoryDisabled: false } : {}),
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(users, tx, eq(users.id, current.id)))
      .returning();
    await replaceDepartments(tx, row.id, role === 'customer' ? [] : wantDepartments);
    await audit(tx, linked ? 'user.updated' : 'user.linked', 'user', row.id, { directoryId: dir.id, role });
    forgetActors(tx.deps, row.id);
    return { change: 'updated' as const, user: row };
  });
}

async function departmentsOf(ctx: Ctx, userId: number): Promise<number[]> {
  const rows = await ctx.db
    .select({ id: departmentAgents.departmentId })
    .from(departmentAgents)
    .where(inWorkspace(departmentAgents, ctx, eq(departmentAgents.userId, userId)));
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
