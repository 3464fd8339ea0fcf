import { and, asc, eq, sql } from 'drizzle-orm';
import { kbGroups } from '../../../db/schema';
import type { TKbGroup } from '../../../contracts/kb';
import type { TPageQuery } from '../../../contracts/common';
import { inParallel, type Ctx } from '../../platform/context';
import { articleCounts, imageShas, toKbGroup } from './kb.repo';

/** Staff: the groups and subgroups (all, or those of `parentId`), in their order, with article counts. */
export async function listKbGroups({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TPageQuery & { parentId?: number };
}): Promise<{ items: TKbGroup[]; total: number; page: number; pageSize: number }> {
  const where = and(
    eq(kbGroups.workspaceId, ctx.workspaceId),
    input.parentId !== undefined ? eq(kbGroups.parentId, input.parentId) : undefined,
  );
  const [rows, [count]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(kbGroups)
        .where(where)
        .orderBy(sql`${kbGroups.parentId} nulls first`, asc(kbGroups.position), asc(kbGroups.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
    () =>
      ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(kbGroups)
        .where(where),
  );
  const [counts, shas] = await inParallel(
    ctx,
    () =>
      articleCounts(
        ctx,
        rows.map((r) => r.id),
        false,
      ),
    () =>
      imageShas(
        ctx,
        rows.map((r) => r.imageFileId),
      ),
  );
  return {
    items: rows.map((r) =>
      toKbGroup(r, {
        articles: counts.get(r.id) ?? 0,
        imageSha: r.imageFileId === null ? null : (shas.get(r.imageFileId) ?? null),
      }),
    ),
    total: Number(count.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}
