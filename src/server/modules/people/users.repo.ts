import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { accessLevels, departmentAgents, departments, groupMembers, groups, orgUnits, users } from '../../../db/schema';
import type { TListUsersQuery, TUser } from '../../../contracts/people';
import { normalizeMobile } from '../../../contracts/mobile';
import { inParallel, type Actor, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { textArray } from '../../platform/db/database';
import { Invalid, InvalidField, type Msg } from '../../platform/errors';
import { can } from '../../platform/http/access';
import { iso, offsetOf } from '../../platform/pagination';
import { isAwayAt } from './away';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow, now: Date, departmentIds: number[] = [], groupIds: number[] = []): TUser {
  return {
    id: String(row.id),
    role: row.role,
    username: row.username,
    email: row.email,
    alternateEmails: row.alternateEmails,
    mobile: row.mobile,
    name: row.name,
    ticketAccess: row.ticketAccess,
    active: row.active,
    departmentIds: departmentIds.map(String),
    groupIds: groupIds.map(String),
    accessLevelId: row.accessLevelId === null ? null : String(row.accessLevelId),
    orgUnitId: row.orgUnitId === null ? null : String(row.orgUnitId),
    signature: row.signature,
    avatarUrl: row.avatarFileId ? `/api/v1/users/${row.id}/avatar?v=${row.avatarFileId}` : null,
    locale: row.locale === 'en' ? 'en' : 'fa',
    directoryId: row.directoryId === null ? null : String(row.directoryId),
    lastLoginAt: iso(row.lastLoginAt),
    away: isAwayAt(row, now),
    awayUntil: isAwayAt(row, now) ? iso(row.awayUntil) : null,
    substituteId: row.substituteId === null ? null : String(row.substituteId),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/**
 * Customers' e-mail addresses and mobiles are for those who manage customers (customers.manage,
 * or users.manage, which manages them too); other staff see their names and avatars. A ticket
 * still shows its requester's address to whoever may see the ticket.
 */
export const seesCustomerContacts = (actor: Actor | null) =>
  can(actor, 'customers.manage') || can(actor, 'users.manage');

/** A person as the caller may see them (see `seesCustomerContacts`). */
export function shownTo(ctx: Ctx, u: TUser): TUser {
  if (u.role !== 'customer' || seesCustomerContacts(ctx.actor)) return u;
  return { ...u, email: null, alternateEmails: [], mobile: null };
}

export async function findUser(ctx: Ctx, id: number): Promise<UserRow | null> {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(inWorkspace(users, ctx, eq(users.id, id), isNull(users.deletedAt)));
  return rows[0] ?? null;
}

/** Department and group ids for many users at once (two queries, never one per user). */
export async function userLinks(ctx: Ctx, userIds: number[]) {
  const deps = new Map<number, number[]>();
  const grps = new Map<number, number[]>();
  if (userIds.length === 0) return { deps, grps };
  const [d, g] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select({ userId: departmentAgents.userId, id: departmentAgents.departmentId })
        .from(departmentAgents)
        .where(inWorkspace(departmentAgents, ctx, inArray(departmentAgents.userId, userIds)))
        .orderBy(departmentAgents.departmentId),
    () =>
      ctx.db
        .select({ userId: groupMembers.userId, id: groupMembers.groupId })
        .from(groupMembers)
        .where(inWorkspace(groupMembers, ctx, inArray(groupMembers.userId, userIds)))
        .orderBy(groupMembers.groupId),
  );
  for (const r of d) deps.set(r.userId, [...(deps.get(r.userId) ?? []), r.id]);
  for (const r of g) grps.set(r.userId, [...(grps.get(r.userId) ?? []), r.id]);
  return { deps, grps };
}

export async function userWithLinks(ctx: Ctx, row: UserRow): Promise<TUser> {
  const { deps, grps } = await userLinks(ctx, [row.id]);
  return toUser(row, ctx.deps.clock.now(), deps.get(row.id), grps.get(row.id));
}

const SORTS: Record<TListUsersQuery['sort'], SQL[]> = {
  name: [asc(sql`lower(${users.name})`), asc(users.id)],
  '-name': [desc(sql`lower(${users.name})`), desc(users.id)],
  username: [asc(users.username), asc(users.id)],
  '-username': [desc(users.username), desc(users.id)],
  created: [asc(users.createdAt), asc(users.id)],
  '-created': [desc(users.createdAt), desc(users.id)],
  updated: [asc(users.updatedAt), asc(users.id)],
  '-updated': [desc(users.updatedAt), desc(users.id)],
};

export async function listUsers(ctx: Ctx, q: TListUsersQuery) {
  const conds: (SQL | undefined)[] = [isNull(users.deletedAt)];
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.active !== undefined) conds.push(eq(users.active, q.active));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const contact = or(ilike(users.email, like), ilike(users.mobile, like));
    if (seesCustomerContacts(ctx.actor)) conds.push(or(ilike(users.name, like), ilike(users.username, like), contact));
    else {
      // Without the right to see customers' contacts, a customer is found by a part of their name
      // or username, or by a whole address or mobile (as when opening a ticket for them): never
      // by a fragment, which would spell out addresses one guess at a time.
      const mobile = normalizeMobile(q.q);
      conds.push(
        or(
          ilike(users.name, like),
          ilike(users.username, like),
          and(ne(users.role, 'customer'), contact),
          sql`lower(${users.email}) = ${q.q.toLowerCase()}`,
          mobile ? eq(users.mobile, mobile) : undefined,
        ),
      );
    }
  }
  if (q.departmentId)
    conds.push(
      sql`exists (select 1 from department_agents da where da.user_id = ${users.id} and da.department_id = ${Number(q.departmentId)})`,
    );
  if (q.groupId)
    conds.push(
      sql`exists (select 1 from group_members gm where gm.user_id = ${users.id} and gm.group_id = ${Number(q.groupId)})`,
    );
  const where = inWorkspace(users, ctx, ...conds);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(users)
      .where(where)
      .orderBy(...SORTS[q.sort])
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ total: count() }).from(users).where(where),
  ]);
  const { deps, grps } = await userLinks(
    ctx,
    rows.map((r) => r.id),
  );
  const now = ctx.deps.clock.now();
  return {
    rows: rows.map((r) => shownTo(ctx, toUser(r, now, deps.get(r.id), grps.get(r.id)))),
    total: Number(total),
  };
}

/** Finds an active account by username, e-mail or normalised mobile. */
export async function findByLogin(ctx: Ctx, login: string, mobile: string | null): Promise<UserRow | null> {
  const lower = login.toLowerCase();
  const match = [sql`lower(${users.username}) = ${lower}`, sql`lower(${users.email}) = ${lower}`];
  if (mobile) match.push(eq(users.mobile, mobile));
  const rows = await ctx.db
    .select()
    .from(users)
    .where(inWorkspace(users, ctx, isNull(users.deletedAt), or(...match)))
    .limit(2);
  // A login that matches two accounts (one's username is another's e-mail) signs in neither.
  return rows.length === 1 ? rows[0] : null;
}

/** Checks that referenced ids exist in the caller's workspace; unknown ones are field errors. */
export async function checkUserRefs(
  ctx: Ctx,
  refs: { departmentIds?: number[]; groupIds?: number[]; accessLevelId?: number | null; orgUnitId?: number | null },
  role: string,
) {
  const fields: Record<string, Msg> = {};
  const distinct = (ids: number[]) => [...new Set(ids)];
  if (refs.departmentIds?.length) {
    if (role === 'customer') fields.departmentIds = { key: 'validation.customer_no_departments' };
    else {
      const ids = distinct(refs.departmentIds);
      const found = await ctx.db
        .select({ id: departments.id })
        .from(departments)
        .where(inWorkspace(departments, ctx, inArray(departments.id, ids)));
      if (found.length !== ids.length) fields.departmentIds = { key: 'validation.unknown_department' };
    }
  }
  if (refs.groupIds?.length) {
    const ids = distinct(refs.groupIds);
    const kind = role === 'customer' ? 'customer' : 'agent';
    const found = await ctx.db
      .select({ id: groups.id })
      .from(groups)
      .where(inWorkspace(groups, ctx, inArray(groups.id, ids), eq(groups.kind, kind)));
    if (found.length !== ids.length) fields.groupIds = { key: 'validation.unknown_group' };
  }
  if (refs.accessLevelId) {
    if (role !== 'agent') fields.accessLevelId = { key: 'validation.access_level_agents_only' };
    else {
      const found = await ctx.db
        .select({ id: accessLevels.id })
        .from(accessLevels)
        .where(inWorkspace(accessLevels, ctx, eq(accessLevels.id, refs.accessLevelId)));
      if (!found.length) fields.accessLevelId = { key: 'validation.unknown_access_level' };
    }
  }
  if (refs.orgUnitId) {
    const found = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(inWorkspace(orgUnits, ctx, eq(orgUnits.id, refs.orgUnitId)));
    if (!found.length) fields.orgUnitId = { key: 'validation.unknown_org_unit' };
  }
  if (Object.keys(fields).length) throw Invalid(fields);
}

/** Refuses a username, e-mail or mobile that another live account of the workspace has. */
export async function checkUnique(
  ctx: Ctx,
  v: { username?: string; email?: string | null; mobile?: string | null; alternateEmails?: string[] },
  exceptId?: number,
) {
  const fields: Record<string, Msg> = {};
  const others = (cond: SQL) =>
    ctx.db
      .select({ id: users.id })
      .from(users)
      .where(
        inWorkspace(users, ctx, isNull(users.deletedAt), cond, exceptId ? sql`${users.id} <> ${exceptId}` : undefined),
      )
      .limit(1);
  if (v.username && (await others(sql`lower(${users.username}) = ${v.username.toLowerCase()}`)).length)
    fields.username = { key: 'validation.username_taken' };
  // An address belongs to one person, whether as their e-mail or as an alternate one (mail
  // intake finds the customer by either).
  const taken = (emails: string[]) => {
    const list = textArray(emails);
    return others(sql`(lower(${users.email}) = any(${list}) or ${users.alternateEmails} && ${list})`);
  };
  if (v.email && (await taken([v.email.toLowerCase()])).length) fields.email = { key: 'validation.email_taken' };
  if (v.alternateEmails?.length && (await taken(v.alternateEmails)).length)
    fields.alternateEmails = { key: 'validation.email_taken' };
  if (v.mobile && (await others(eq(users.mobile, v.mobile))).length) fields.mobile = { key: 'validation.mobile_taken' };
  if (Object.keys(fields).length) throw Invalid(fields);
}

export async function replaceDepartments(ctx: Ctx, userId: number, ids: number[]) {
  await ctx.db.delete(departmentAgents).where(inWorkspace(departmentAgents, ctx, eq(departmentAgents.userId, userId)));
  const unique = [...new Set(ids)];
  if (unique.length)
    await ctx.db
      .insert(departmentAgents)
      .values(unique.map((departmentId) => ({ workspaceId: ctx.workspaceId, departmentId, userId })));
}

export async function replaceGroups(ctx: Ctx, userId: number, ids: number[]) {
  await ctx.db.delete(groupMembers).where(inWorkspace(groupMembers, ctx, eq(groupMembers.userId, userId)));
  const unique = [...new Set(ids)];
  if (unique.length)
    await ctx.db
      .insert(groupMembers)
      .values(unique.map((groupId) => ({ workspaceId: ctx.workspaceId, groupId, userId })));
}

/**
 * The workspace's active admins, their rows locked until the caller's transaction ends (call
 * it inside one). Two requests demoting, deactivating or deleting the last two admins at once
 * are thus taken one after the other: the second waits, then no longer finds the first's admin
 * and refuses. Locked in id order, so that such requests never deadlock.
 */
export async function lockActiveAdmins(ctx: Ctx): Promise<number[]> {
  if (!ctx.inTx) throw new Error('lockActiveAdmins needs a transaction');
  const rows = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(inWorkspace(users, ctx, eq(users.role, 'admin'), eq(users.active, true), isNull(users.deletedAt)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.map((r) => r.id);
}

/** Refuses a change that would leave the workspace without an active admin (`field` names the change). */
export async function assertNotLastAdmin(ctx: Ctx, userId: number, field: string) {
  const admins = await lockActiveAdmins(ctx);
  if (admins.includes(userId) && admins.length <= 1) throw InvalidField(field, 'validation.last_admin');
}
