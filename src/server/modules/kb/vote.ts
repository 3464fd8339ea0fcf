import { and, eq, sql } from 'drizzle-orm';
import { kbArticles, kbVotes } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { hitRateLimit } from '../../platform/rate-limit';
import { slugKey } from './save-article';
import { publicArticle } from './public-visibility';

/** Votes from one address: enough for a person reading many articles, not for a script. */
const PER_IP = { limit: 60, windowSeconds: 600 };

/**
 * "Was this helpful?": one vote per visitor per article. Voting again the other way moves the
 * vote (the counters follow, in the same transaction); the same vote again changes nothing.
 */
export async function voteKbArticle({
  ctx,
  slug,
  visitor,
  helpful,
  ip,
}: {
  ctx: Ctx;
  slug: string;
  visitor: string;
  helpful: boolean;
  ip: string;
}) {
  await hitRateLimit(ctx, `kb-vote:ip:${ip}`, PER_IP.limit, PER_IP.windowSeconds);
  return withTx(ctx, async (tx) => {
    const [a] = await tx.db
      .select({ id: kbArticles.id })
      .from(kbArticles)
      .where(sql`${kbArticles.slug} = ${slugKey(slug)} and ${publicArticle(tx)}`)
      .for('update');
    if (!a) throw NotFound('errors.kb_article_not_found');
    const key = and(eq(kbVotes.workspaceId, tx.workspaceId), eq(kbVotes.articleId, a.id), eq(kbVotes.visitor, visitor));
    // The article row's lock orders votes on it: the vote read here is the current one.
    const [before] = await tx.db.select({ helpful: kbVotes.helpful }).from(kbVotes).where(key);
    const now = tx.deps.clock.now();
    let dHelpful = 0;
    let dNot = 0;
    if (!before) {
      await tx.db
        .insert(kbVotes)
        .values({ workspaceId: tx.workspaceId, articleId: a.id, visitor, helpful, createdAt: now, updatedAt: now });
      if (helpful) dHelpful = 1;
      else dNot = 1;
    } else if (before.helpful !== helpful) {
      await tx.db.update(kbVotes).set({ helpful, updatedAt: now }).where(key);
      dHelpful = helpful ? 1 : -1;
      dNot = helpful ? -1 : 1;
    }
    const [counts] = await tx.db
      .update(kbArticles)
      .set({
        helpful: sql`${kbArticles.helpful} + ${dHelpful}`,
        notHelpful: sql`${kbArticles.notHelpful} + ${dNot}`,
      })
      .where(eq(kbArticles.id, a.id))
      .returning({ helpful: kbArticles.helpful, notHelpful: kbArticles.notHelpful });
    return { ...counts, myVote: helpful ? ('helpful' as const) : ('notHelpful' as const) };
  });
}
