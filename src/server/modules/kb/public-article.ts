import { and, eq, sql } from 'drizzle-orm';
import { kbArticles, kbGroups, kbSuggestSessions, kbVotes, users } from '../../../db/schema';
import type { TPublicKbArticle } from '../../../contracts/kb';
import { withTx, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { NotFound } from '../../platform/errors';
import { iso } from '../../platform/pagination';
import { slugKey } from './save-article';
import { publicArticle } from './public-visibility';

/**
 * A published article by its slug (any spelling: ي/ی, digit scripts, case), counting the view in
 * the same statement; opened from a ticket form's suggestions (`suggestion`), it is counted
 * for that form as well (the deflection numbers).
 */
export async function getPublicKbArticle({
  ctx,
  slug,
  visitor,
  suggestion,
}: {
  ctx: Ctx;
  slug: string;
  visitor: string | null;
  suggestion?: string;
}): Promise<TPublicKbArticle> {
  return withTx(ctx, async (tx) => {
    const [a] = await tx.db
      .update(kbArticles)
      .set({ views: sql`${kbArticles.views} + 1` })
      .where(sql`${kbArticles.slug} = ${slugKey(slug)} and ${publicArticle(tx)}`)
      .returning();
    if (!a) throw NotFound('errors.kb_article_not_found');
    if (suggestion)
      await tx.db
        .update(kbSuggestSessions)
        .set({
          openedArticleIds: sql`case when ${a.id} = any(${kbSuggestSessions.openedArticleIds})
            then ${kbSuggestSessions.openedArticleIds} else array_append(${kbSuggestSessions.openedArticleIds}, ${a.id}::bigint) end`,
          openedAt: sql`coalesce(${kbSuggestSessions.openedAt}, ${tx.deps.clock.now()})`,
        })
        .where(and(eq(kbSuggestSessions.workspaceId, tx.workspaceId), eq(kbSuggestSessions.id, suggestion)));
    const [g] = await queryRows<{ id: string; name: string; parent_id: string | null; parent_name: string | null }>(
      tx.db,
      sql`select g.id, g.name, g.parent_id, p.name as parent_name from ${kbGroups} g
            left join ${kbGroups} p on p.id = g.parent_id and p.workspace_id = g.workspace_id
           where g.workspace_id = ${tx.workspaceId} and g.id = ${a.groupId}`,
    );
    const [author] = a.authorId
      ? await tx.db
          .select({ name: users.name })
          .from(users)
          .where(and(eq(users.workspaceId, tx.workspaceId), eq(users.id, a.authorId)))
      : [];
    const [vote] = visitor
      ? await tx.db
          .select({ helpful: kbVotes.helpful })
          .from(kbVotes)
          .where(
            and(eq(kbVotes.workspaceId, tx.workspaceId), eq(kbVotes.articleId, a.id), eq(kbVotes.visitor, visitor)),
          )
      : [];
    return {
      slug: a.slug,
      title: a.title,
      body: a.bodyHtml,
      summary: a.summary,
      keywords: a.keywords,
      locale: a.locale as TPublicKbArticle['locale'],
      group: { id: String(g.id), name: g.name, parentId: g.parent_id === null ? null : String(g.parent_id) },
      parentGroup: g.parent_id === null ? null : { id: String(g.parent_id), name: g.parent_name ?? '' },
      views: a.views,
      helpful: a.helpful,
      notHelpful: a.notHelpful,
      authorName: author?.name ?? null,
      updatedAt: iso(a.updatedAt)!,
      myVote: vote ? (vote.helpful ? 'helpful' : 'notHelpful') : null,
    };
  });
}
