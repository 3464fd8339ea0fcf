import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { kbArticles } from '../../../db/schema';
import type { TPublicKbArticleRow, ZPublicKbArticlesQuery } from '../../../contracts/kb';
import type { Ctx } from '../../platform/context';
import { iso } from '../../platform/pagination';
import { COUNT_CAP, highlight, hits, hitsOn, kbQueryOf, rank, snippetWindow } from './kb-search';
import { publicArticleIn, publicGroupList } from './public-visibility';

/**
 * The help centre's article list and search: published articles only, best match first when
 * searching (a list's total counts up to COUNT_CAP; a search's is exact).
 */
export async function listPublicKbArticles({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZPublicKbArticlesQuery>;
}): Promise<{ items: TPublicKbArticleRow[]; total: number; page: number; pageSize: number }> {
  const k = kbQueryOf(input.q);
  const groups = await publicGroupList(ctx);
  const where = sql.join(
    [
      publicArticleIn(ctx, groups),
      // A group's page lists its subgroups' articles too.
      input.groupId !== undefined
        ? sql`(${kbArticles.groupId} = ${input.groupId} or ${kbArticles.groupId} in
            (select s.id from kb_groups s where s.workspace_id = ${ctx.workspaceId} and s.parent_id = ${input.groupId}))`
        : undefined,
      input.locale ? eq(kbArticles.locale, input.locale) : undefined,
    ].filter((c) => c !== undefined),
    sql` and `,
  );
  const from = () =>
    ctx.db
      .select({ one: sql`1` })
      .from(kbArticles)
      .$dynamic()
      .innerJoin(k ? hits(ctx.workspaceId, k) : sql`(select 1) hits`, k ? hitsOn : sql`true`)
      .where(where);
  const { rows, total } = await (async () => {
    const rows = await ctx.db
      .select({
        slug: kbArticles.slug,
        title: kbArticles.title,
        summary: kbArticles.summary,
        groupId: kbArticles.groupId,
        locale: kbArticles.locale,
        updatedAt: kbArticles.updatedAt,
        window: k ? snippetWindow(k) : sql<string | null>`null::text`,
        // A search reads every hit to rank them: counting them there costs nothing more.
        total: k ? sql<number>`count(*) over ()` : sql<number>`null::int`,
      })
      .from(kbArticles)
      .$dynamic()
      .innerJoin(k ? hits(ctx.workspaceId, k) : sql`(select 1) hits`, k ? hitsOn : sql`true`)
      .where(where)
      .orderBy(...(k ? [rank(k)] : []), desc(kbArticles.updatedAt), desc(kbArticles.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize);
    if (k && rows.length) return { rows, total: Number(rows[0].total) };
    // A list (or a page past a search's end): counted, up to COUNT_CAP.
    const [c] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(from().limit(COUNT_CAP).as('capped'));
    return { rows, total: Number(c.n) };
  })();
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
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
