import { eq, inArray } from 'drizzle-orm';
import { accessLevels, departments, directories } from '../../../db/schema';
import type { TCreateDirectory, TDirectory, TUpdateDirectory } from '../../../contracts/directories';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Invalid, NotFound } from '../../platform/errors';
import type { Msg } from '../../platform/errors';
import { audit } from '../audit';
import { directorySealer, findDirectory, requireAdmin, toDirectory, type DirectoryRow } from './directories.repo';

type Mappings = TCreateDirectory['groupMappings'];

/** Every access level and department a mapping names must be this workspace's. */
async function checkMappings(ctx: Ctx, mappings: Mappings) {
  const levels = [...new Set(mappings.flatMap((m) => (m.accessLevelId ? [Number(m.accessLevelId)] : [])))];
  const deps = [...new Set(mappings.flatMap((m) => (m.departmentIds ?? []).map(Number)))];
  const [foundLevels, foundDeps] = await Promise.all([
    levels.length
      ? ctx.db
          .select({ id: accessLevels.id })
          .from(accessLevels)
          .where(inWorkspace(accessLevels, ctx, inArray(accessLevels.id, levels)))
      : [],
    deps.length
      ? ctx.db
          .select({ id: departments.id })
          .from(departments)
          .where(inWorkspace(departments, ctx, inArray(departments.id, deps)))
      : [],
  ]);
  const okLevels = new Set(foundLevels.map((r) => Number(r.id)));
  const okDeps = new Set(foundDeps.map((r) => Number(r.id)));
  const fields: Record<string, Msg> = {};
  mappings.forEach((m, i) => {
    if (m.accessLevelId && m.role !== 'agent')
      fields[`groupMappings.${i}.accessLevelId`] = { key: 'validation.access_level_agents_only' };
    else if (m.accessLevelId && !okLevels.has(Number(m.accessLevelId)))
      fields[`groupMappings.${i}.accessLevelId`] = { key: 'validation.unknown_access_level' };
    if (m.departmentIds?.length && m.role === 'customer')
      fields[`groupMappings.${i}.departmentIds`] = { key: 'validation.customer_no_departments' };
    else if ((m.departmentIds ?? []).some((d) => !okDeps.has(Number(d))))
      fields[`groupMappings.${i}.departmentIds`] = { key: 'validation.unknown_department' };
  });
  if (Object.keys(fields).length) throw Invalid(fields);
}

/** STARTTLS is for ldap://; ldaps:// is TLS from the first byte. */
function checkTransport(url: string, startTls: boolean) {
  if (startTls && url.toLowerCase().startsWith('ldaps:'))
    throw Invalid({ startTls: 'validation.ldap_starttls_with_ldaps' });
}

const dueAt = (ctx: Ctx, d: { active: boolean; syncIntervalMinutes: number }) =>
  // A new or re-timed directory is synced within the minute, then every interval.
  d.active && d.syncIntervalMinutes > 0 ? ctx.deps.clock.now() : null;

export async function createDirectory({ ctx, input }: { ctx: Ctx; input: TCreateDirectory }): Promise<TDirectory> {
  requireAdmin(ctx);
  checkTransport(input.url, input.startTls);
  await checkMappings(ctx, input.groupMappings);
  const { bindPassword, ...rest } = input;
  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const [row] = await tx.db
      .insert(directories)
      .values({
        ...rest,
        workspaceId: tx.workspaceId,
        caCert: rest.caCert || null,
        bindPasswordSealed: bindPassword ? directorySealer(tx).seal(bindPassword) : null,
        nextSyncAt: dueAt(tx, rest),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'directory.created', 'directory', row.id, { name: row.name, url: row.url });
    return toDirectory(row, 0);
  });
}

export async function updateDirectory({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateDirectory;
}): Promise<DirectoryRow> {
  requireAdmin(ctx);
  const current = await findDirectory(ctx, id);
  if (!current) throw NotFound();
  checkTransport(input.url ?? current.url, input.startTls ?? current.startTls);
  if (input.groupMappings) await checkMappings(ctx, input.groupMappings);
  const { bindPassword, ...rest } = input;
  const next = {
    active: rest.active ?? current.active,
    syncIntervalMinutes: rest.syncIntervalMinutes ?? current.syncIntervalMinutes,
  };
  const retimed = next.active !== current.active || next.syncIntervalMinutes !== current.syncIntervalMinutes;
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(directories)
      .set({
        ...rest,
        ...(rest.caCert !== undefined ? { caCert: rest.caCert || null } : {}),
        ...(bindPassword !== undefined
          ? { bindPasswordSealed: bindPassword ? directorySealer(tx).seal(bindPassword) : null }
          : {}),
        ...(retimed ? { nextSyncAt: dueAt(tx, next) } : {}),
        updatedAt: tx.deps.clock.now(),
      })
      .where(inWorkspace(directories, tx, eq(directories.id, id)))
      .returning();
    // Which fields changed, never their values (the password above all).
    await audit(tx, 'directory.updated', 'directory', id, { fields: Object.keys(input) });
    return row;
  });
}

/**
 * Removes a directory. Its people keep their accounts (tickets, history) as local accounts
 * without a password, which an admin may give them; until then they cannot sign in.
 */
export async function deleteDirectory({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  requireAdmin(ctx);
  await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(directories)
      .where(inWorkspace(directories, tx, eq(directories.id, id)))
      .returning({ id: directories.id, name: directories.name });
    if (!row) throw NotFound();
    await audit(tx, 'directory.deleted', 'directory', id, { name: row.name });
  });
}
