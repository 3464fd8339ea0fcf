import { sql, type SQL } from 'drizzle-orm';
import { kbArticles, kbGroups } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { idArray } from '../../platform/db/sql-ids';

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

/** The ids of the groups the help centre shows (a few dozen): looked up once for a search. */
export async function publicGroupList(ctx: Ctx): Promise<number[]> {
  const rows = await queryRows<{ id: string }>(ctx.db, sql`select id from ${publicGroupIds(ctx)} v`);
  return rows.map((r) => Number(r.id));
}

/**
 * `publicArticle` with the groups given: a search's hits (thousands, for a common word) are then
 * checked against a short list each, not joined to the groups.
 */
export const publicArticleIn = (ctx: Ctx, groupIds: number[]): SQL =>
  sql`${kbArticles.workspaceId} = ${ctx.workspaceId} and ${kbArticles.visible} and not ${kbArticles.internal}
    and ${kbArticles.groupId} = any(${idArray(groupIds)})`;
