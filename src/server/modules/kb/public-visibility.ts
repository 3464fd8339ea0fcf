import { sql, type SQL } from 'drizzle-orm';
import { kbArticles, kbGroups } from '../../../db/schema';
import type { Ctx } from '../../platform/context';

/**
 * What the help centre may show (H3): a visible group whose parent (if any) is visible too, and
 * in them the visible articles that are not internal. Every public list, search, suggestion,
 * page and the sitemap go through these two conditions — hidden and internal never leak.
 */
export const publicGroupIds = (ctx: Ctx): SQL => sql`(select g.id from ${kbGroups} g
    left join ${kbGroups} p on p.id = g.parent_id and p.workspace_id = g.workspace_id
    where g.workspace_id = ${ctx.workspaceId} and g.visible and (g.parent_id is null or p.visible))`;

export const publicArticle = (ctx: Ctx): SQL =>
  sql`${kbArticles.workspaceId} = ${ctx.workspaceId} and ${kbArticles.visible} and not ${kbArticles.internal}
    and ${kbArticles.groupId} in ${publicGroupIds(ctx)}`;
