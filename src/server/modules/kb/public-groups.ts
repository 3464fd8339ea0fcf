import { asc, sql } from 'drizzle-orm';
import { kbGroups } from '../../../db/schema';
import type { TPublicKbGroup } from '../../../contracts/kb';
import type { Ctx } from '../../platform/context';
import { articleCounts, imageShas, kbImageUrl } from './kb.repo';
import { publicGroupIds } from './public-visibility';

/** The help centre's groups and subgroups (visible ones, in order), with their published articles' counts. */
export async function listPublicKbGroups({ ctx }: { ctx: Ctx }): Promise<{ items: TPublicKbGroup[] }> {
  const rows = await ctx.db
    .select()
    .from(kbGroups)
    .where(sql`${kbGroups.workspaceId} = ${ctx.workspaceId} and ${kbGroups.id} in ${publicGroupIds(ctx)}`)
    .orderBy(sql`${kbGroups.parentId} nulls first`, asc(kbGroups.position), asc(kbGroups.id))
    .limit(1000);
  const counts = await articleCounts(
    ctx,
    rows.map((r) => r.id),
    true,
  );
  const shas = await imageShas(
    ctx,
    rows.map((r) => r.imageFileId),
  );
  return {
    items: rows.map((r) => {
      const sha = r.imageFileId === null ? undefined : shas.get(r.imageFileId);
      return {
        id: String(r.id),
        name: r.name,
        parentId: r.parentId === null ? null : String(r.parentId),
        imageUrl: sha && r.imageFileId !== null ? kbImageUrl(r.imageFileId, sha) : null,
        position: r.position,
        articles: counts.get(r.id) ?? 0,
      };
    }),
  };
}
