import { and, eq, sql } from 'drizzle-orm';
import { kbArticles, kbGroups } from '../../../db/schema';
import type { TCreateKbGroup, TKbGroup, TUpdateKbGroup } from '../../../contracts/kb';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Conflict, InvalidField } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { findGroup, kbImageSha, toKbGroup, type KbGroupRow } from './kb.repo';

/**
 * H1: groups are two levels deep (a group and its subgroups, as seed 001 lists them): a parent
 * must be a top-level group, and a group with subgroups cannot itself become one.
 */
async function checkParent(tx: Ctx, parentId: number | null, self: number | null) {
  if (parentId === null) return;
  if (parentId === self) throw InvalidField('parentId', 'validation.kb_parent_self');
  const parent = await findGroup(tx, parentId).catch(() => {
    throw InvalidField('parentId', 'validation.kb_parent_missing');
  });
  if (parent.parentId !== null) throw InvalidField('parentId', 'validation.kb_parent_depth');
  if (self !== null) {
    const [child] = await tx.db
      .select({ id: kbGroups.id })
      .from(kbGroups)
      .where(inWorkspace(kbGroups, tx, eq(kbGroups.parentId, self)))
      .limit(1);
    if (child) throw InvalidField('parentId', 'validation.kb_parent_has_subgroups');
  }
}

async function hasArticles(tx: Ctx, groupId: number) {
  const [a] = await tx.db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(inWorkspace(kbArticles, tx, eq(kbArticles.groupId, groupId)))
    .limit(1);
  return !!a;
}

async function shown(tx: Ctx, row: KbGroupRow): Promise<TKbGroup> {
  const [n] = await tx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(kbArticles)
    .where(and(eq(kbArticles.workspaceId, tx.workspaceId), eq(kbArticles.groupId, row.id)));
  const sha = row.imageFileId === null ? null : await kbImageSha(tx, row.imageFileId);
  return toKbGroup(row, { articles: Number(n?.n ?? 0), imageSha: sha });
}

export async function createKbGroup({ ctx, input }: { ctx: Ctx; input: TCreateKbGroup }): Promise<TKbGroup> {
  requirePermission(ctx, 'kb.manage');
  return withTx(ctx, async (tx) => {
    await checkParent(tx, input.parentId, null);
    if (input.imageId !== null) await kbImageSha(tx, input.imageId);
    const now = tx.deps.clock.now();
    const { imageId, ...rest } = input;
    const [row] = await tx.db
      .insert(kbGroups)
      .values({ ...rest, imageFileId: imageId, workspaceId: tx.workspaceId, createdAt: now, updatedAt: now })
      .returning();
    await audit(tx, 'kb_group.created', 'kb_group', row.id, { name: row.name, parentId: row.parentId });
    return shown(tx, row);
  });
}

export async function updateKbGroup({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateKbGroup;
}): Promise<TKbGroup> {
  requirePermission(ctx, 'kb.manage');
  return withTx(ctx, async (tx) => {
    const before = await findGroup(tx, id);
    if (input.parentId !== undefined) await checkParent(tx, input.parentId, id);
    if (input.imageId !== undefined && input.imageId !== null) await kbImageSha(tx, input.imageId);
    // H1: only a group with the capability holds articles — it cannot lose it while it has some.
    if (input.kb === false && before.kb && (await hasArticles(tx, id))) throw Conflict('errors.kb_group_has_articles');
    const { imageId, ...rest } = input;
    const [row] = await tx.db
      .update(kbGroups)
      .set({ ...rest, ...(imageId !== undefined ? { imageFileId: imageId } : {}), updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(kbGroups, tx, eq(kbGroups.id, id)))
      .returning();
    await audit(tx, 'kb_group.updated', 'kb_group', id, { changed: Object.keys(input) });
    return shown(tx, row);
  });
}

/** A group with subgroups or articles is refused: they would be lost (hide it instead). */
export async function deleteKbGroup({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'kb.manage');
  await withTx(ctx, async (tx) => {
    const group = await findGroup(tx, id);
    const [child] = await tx.db
      .select({ id: kbGroups.id })
      .from(kbGroups)
      .where(inWorkspace(kbGroups, tx, eq(kbGroups.parentId, id)))
      .limit(1);
    if (child) throw Conflict('errors.kb_group_has_subgroups');
    if (await hasArticles(tx, id)) throw Conflict('errors.kb_group_has_articles');
    await tx.db.delete(kbGroups).where(inWorkspace(kbGroups, tx, eq(kbGroups.id, id)));
    await audit(tx, 'kb_group.deleted', 'kb_group', id, { name: group.name });
  });
}
