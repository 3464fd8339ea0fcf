import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { kbArticles } from '../../../db/schema';
import type { TPublicKbArticleRow, ZPublicKbArticlesQuery } from '../../../contracts/kb';
import { inParallel, type Ctx } from '../../platform/context';
import { iso } from '../../platform/pagination';
import { COUNT_CAP, highlight, hits, hitsOn, kbQueryOf, rank, snippetWindow, withSearchPlan } from './kb-search';
import { publicArticle } from './public-visibility';

/**
 * The help centre's article list and search: published articles only, best match first when
 * searching (a search's total counts up to COUNT_CAP).
 */
export async function listPublicKbArticles({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZPublicKbArticlesQuery>;
}): Promise<{ items: TPublicKbArticleRow[]; total: number; page: number; pageSize: number }> {
  const k = kbQueryOf(input.q);
  const where = sql.join(
    [
      publicArticle(ctx),
      // A group's page lists its subgroups' articles too.
      input.groupId !== undefined
        ? sql`(${kbArticles.groupId} = ${input.groupId} or ${kbArticles.groupId} in
            (select s.id from kb_groups s where s.workspace_id = ${ctx.workspaceId} and s.parent_id = ${input.groupId}))`
        : undefined,
      input.locale ? eq(kbArticles.locale, input.locale) : undefined,
    ].filter((c) => c !== undefined),
    sql` and `,
  );
  const [rows, [count]] = await withSearchPlan(ctx, k, (ctx) =>
    inParallel(
      ctx,
      () =>
        ctx.db
          .select({
            slug: kbArticles.slug,
            title: kbArticles.title,
            summary: kbArticles.summary,
            groupId: kbArticles.groupId,
            locale: kbArticles.locale,
            updatedAt: kbArticles.updatedAt,
            window: k ? snippetWindow(k) : sql<string | null>`null::text`,
          })
          .from(kbArticles)
          .$dynamic()
          .innerJoin(k ? hits(ctx.workspaceId, k) : sql`(select 1) hits`, k ? hitsOn : sql`true`)
          .where(where)
          .orderBy(...(k ? [rank(k)] : []), desc(kbArticles.updatedAt), desc(kbArticles.id))
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize),
      () =>
        ctx.db.select({ n: sql<number>`count(*)::int` }).from(
          ctx.db
            .select({ one: sql`1` })
            .from(kbArticles)
            .where(where)
            .limit(COUNT_CAP)
            .as('capped'),
        ),
    ),
  );
  return {
    items: rows.map((r) => ({
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      groupId: String(r.groupId),
      locale: r.locale as TPublicKbArticleRow['locale'],
      updatedAt: iso(r.updatedAt)!,
      ...(k ? highlight(k, r.title, r.window, r.summary) : {}),
    })),
    total: Number(count.n),
    page: input.page,
    pageSize: input.pageSize,
  };
}
