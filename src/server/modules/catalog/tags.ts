import { asc, count, eq, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { tags } from '../../../db/schema';
import type { ZCreateTag, ZListTagsQuery, ZTag } from '../../../contracts/organisation';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';
import { audit } from '../audit';

type Row = typeof tags.$inferSelect;
const toTag = (r: Row): z.infer<typeof ZTag> => ({
  id: String(r.id),
  name: r.name,
  color: r.color,
  createdAt: iso(r.createdAt)!,
});

/** C7: the tag list page, searchable by name prefix or part. */
export async function listTags({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZListTagsQuery> }) {
  const where = inWorkspace(
    tags,
    ctx,
    input.q ? ilike(tags.name, `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(tags)
      .where(where)
      .orderBy(asc(tags.name), asc(tags.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    ctx.db.select({ total: count() }).from(tags).where(where),
  ]);
  return pageOf(rows.map(toTag), Number(total), input);
}

export async function createTag({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZCreateTag> }) {
  requirePermission(ctx, 'catalog.manage');
  const [hit] = await ctx.db
    .select({ id: tags.id })
    .from(tags)
    .where(inWorkspace(tags, ctx, sql`lower(${tags.name}) = ${input.name.toLowerCase()}`));
  if (hit) throw InvalidField('name', 'validation.name_taken');
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(tags)
      .values({
        workspaceId: tx.workspaceId,
        name: input.name,
        color: input.color ?? null,
        createdAt: tx.deps.clock.now(),
      })
      .returning();
    await audit(tx, 'tag.created', 'tag', row.id, { name: row.name });
    return toTag(row);
  });
}

export async function deleteTag({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'catalog.manage');
  await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .delete(tags)
      .where(inWorkspace(tags, tx, eq(tags.id, id)))
      .returning();
    if (!row) throw NotFound();
    await audit(tx, 'tag.deleted', 'tag', id, { name: row.name });
  });
}
