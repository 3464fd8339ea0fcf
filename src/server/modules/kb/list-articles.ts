import { and, desc, eq, sql } from 'drizzle-orm';
import { kbArticles, users } from '../../../db/schema';
import type { TKbArticleRow } from '../../../contracts/kb';
import type { z } from 'zod';
import type { ZListKbArticlesQuery } from '../../../contracts/kb';
import { inParallel, type Ctx } from '../../platform/context';
import { ARTICLE_ROW_COLUMNS, toKbArticleRow } from './kb.repo';
import { isHit, kbQueryOf, rank } from './kb-search';

/** Staff: every article (hidden and internal too), filtered, searched, newest first or best match first. */
export async function listKbArticles({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZListKbArticlesQuery>;
}): Promise<{ items: TKbArticleRow[]; total: number; page: number; pageSize: number }> {
  const k = kbQueryOf(input.q);
  const where = and(
    eq(kbArticles.workspaceId, ctx.workspaceId),
    input.groupId !== undefined ? eq(kbArticles.groupId, input.groupId) : undefined,
    input.locale ? eq(kbArticles.locale, input.locale) : undefined,
    input.visible ? eq(kbArticles.visible, input.visible === 'true') : undefined,
    input.internal ? eq(kbArticles.internal, input.internal === 'true') : undefined,
    k ? isHit(ctx.workspaceId, k) : undefined,
  );
  const [rows, [count]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select({ ...ARTICLE_ROW_COLUMNS, authorName: users.name })
        .from(kbArticles)
        .leftJoin(users, eq(users.id, kbArticles.authorId))
        .where(where)
        .orderBy(...(k ? [rank(k)] : []), desc(kbArticles.updatedAt), desc(kbArticles.id))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize),
    () =>
      ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(kbArticles)
        .where(where),
  );
  return {
    items: rows.map(({ authorName, ...r }) => toKbArticleRow(r, authorName)),
    total: Number(count.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}
