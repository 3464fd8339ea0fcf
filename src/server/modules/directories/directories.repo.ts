import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { directories, users } from '../../../db/schema';
import type { TDirectory } from '../../../contracts/directories';
import type { Ctx } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { createSealer } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import type { DirectoryConnection } from './ldap-connect';
import type { PeopleSearch } from './ldap-people';

export type DirectoryRow = typeof directories.$inferSelect;

/** The service account's password, sealed: it is written, used, never answered or logged. */
export const directorySealer = (ctx: Pick<Ctx, 'deps'>) => createSealer(ctx.deps.config.secretKey, 'directory-bind');

export const connectionOf = (ctx: Pick<Ctx, 'deps'>, d: DirectoryRow): DirectoryConnection => ({
  url: d.url,
  startTls: d.startTls,
  caCert: d.caCert,
  verifyTls: d.verifyTls,
  bindDn: d.bindDn,
  bindPassword: d.bindPasswordSealed ? directorySealer(ctx).open(d.bindPasswordSealed) : '',
});

export const searchOf = (d: DirectoryRow): PeopleSearch => ({
  baseDn: d.baseDn,
  userFilter: d.userFilter,
  attributes: d.attributes,
  activeDirectory: d.activeDirectory,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API view: a whitelist; the password only as `bindPasswordSet`. */
export const toDirectory = (d: DirectoryRow, people: number): TDirectory => ({
  id: String(d.id),
  name: d.name,
  url: d.url,
  startTls: d.startTls,
  caCert: d.caCert,
  verifyTls: d.verifyTls,
  bindDn: d.bindDn,
  bindPasswordSet: !!d.bindPasswordSealed,
  baseDn: d.baseDn,
  userFilter: d.userFilter,
  attributes: d.attributes,
  activeDirectory: d.activeDirectory,
  nestedGroups: d.nestedGroups,
  groupMappings: d.groupMappings.map((m) => ({
    groupDn: m.groupDn,
    role: m.role,
    accessLevelId: m.accessLevelId ?? null,
    departmentIds: m.departmentIds ?? [],
  })),
  defaultRole: d.defaultRole,
  syncIntervalMinutes: d.syncIntervalMinutes,
  active: d.active,
  position: d.position,
  people,
  lastSyncAt: iso(d.lastSyncAt),
  lastSyncReport: d.lastSyncReport ?? null,
  lastSyncError: d.lastSyncError,
  nextSyncAt: iso(d.nextSyncAt),
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

export async function findDirectory(ctx: Ctx, id: number): Promise<DirectoryRow | null> {
  const [row] = await ctx.db
    .select()
    .from(directories)
    .where(inWorkspace(directories, ctx, eq(directories.id, id)));
  return row ?? null;
}

/** The workspace's directories in sign-in order (a handful: no paging needed). */
export async function listDirectoryRows(ctx: Ctx, opts: { activeOnly?: boolean } = {}): Promise<DirectoryRow[]> {
  return ctx.db
    .select()
    .from(directories)
    .where(inWorkspace(directories, ctx, opts.activeOnly ? eq(directories.active, true) : undefined))
    .orderBy(asc(directories.position), asc(directories.id));
}

/** Active people per directory, in one query. */
export async function peopleCounts(ctx: Ctx): Promise<Map<number, number>> {
  const rows = await ctx.db
    .select({ id: users.directoryId, n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        inWorkspace(users, ctx, isNull(users.deletedAt), eq(users.active, true)),
        sql`${users.directoryId} is not null`,
      ),
    )
    .groupBy(users.directoryId);
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/** Directories decide who becomes an admin: only admins manage them. */
export function requireAdmin(ctx: Ctx) {
  if (requireActor(ctx).role !== 'admin') throw Forbidden();
}
