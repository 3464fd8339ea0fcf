import { and, eq, sql } from 'drizzle-orm';
import { files, kbArticles, kbGroups } from '../../../db/schema';
import type { TKbArticle, TKbArticleRow, TKbGroup } from '../../../contracts/kb';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { iso } from '../../platform/pagination';
import { idArray } from '../../platform/db/sql-ids';

export type KbGroupRow = typeof kbGroups.$inferSelect;
export type KbArticleRow = typeof kbArticles.$inferSelect;

/**
 * A knowledge-base image's public address: its id and the start of its content hash, so the
 * images of internal or hidden articles cannot be found by counting ids.
 */
export const kbImageUrl = (id: number, sha256: string) => `/api/v1/public/kb/images/${id}?v=${sha256.slice(0, 16)}`;

export function toKbGroup(r: KbGroupRow, extra: { articles: number; imageSha: string | null }): TKbGroup {
  return {
    id: String(r.id),
    name: r.name,
    parentId: r.parentId === null ? null : String(r.parentId),
    imageId: r.imageFileId === null ? null : String(r.imageFileId),
    imageUrl: r.imageFileId !== null && extra.imageSha ? kbImageUrl(r.imageFileId, extra.imageSha) : null,
    kb: r.kb,
    position: r.position,
    visible: r.visible,
    articles: extra.articles,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

/** The columns of a list row (no body, no vector). */
export const ARTICLE_ROW_COLUMNS = {
  id: kbArticles.id,
  groupId: kbArticles.groupId,
  title: kbArticles.title,
  summary: kbArticles.summary,
  keywords: kbArticles.keywords,
  locale: kbArticles.locale,
  visible: kbArticles.visible,
  internal: kbArticles.internal,
  slug: kbArticles.slug,
  views: kbArticles.views,
  helpful: kbArticles.helpful,
  notHelpful: kbArticles.notHelpful,
  authorId: kbArticles.authorId,
  createdAt: kbArticles.createdAt,
  updatedAt: kbArticles.updatedAt,
};
type ArticleListRow = { [K in keyof typeof ARTICLE_ROW_COLUMNS]: KbArticleRow[K] };

export function toKbArticleRow(r: ArticleListRow, authorName: string | null): TKbArticleRow {
  return {
    id: String(r.id),
    groupId: String(r.groupId),
    title: r.title,
    summary: r.summary,
    keywords: r.keywords,
    locale: r.locale as TKbArticle['locale'],
    visible: r.visible,
    internal: r.internal,
    slug: r.slug,
    views: r.views,
    helpful: r.helpful,
    notHelpful: r.notHelpful,
    authorId: r.authorId === null ? null : String(r.authorId),
    authorName,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export const toKbArticle = (r: KbArticleRow, authorName: string | null): TKbArticle => ({
  ...toKbArticleRow(r, authorName),
  body: r.bodyHtml,
});

export async function findGroup(ctx: Ctx, id: number): Promise<KbGroupRow> {
  const [row] = await ctx.db
    .select()
    .from(kbGroups)
    .where(inWorkspace(kbGroups, ctx, eq(kbGroups.id, id)));
  if (!row) throw NotFound('errors.kb_group_not_found');
  return row;
}

export async function findArticle(ctx: Ctx, id: number): Promise<KbArticleRow> {
  const [row] = await ctx.db
    .select()
    .from(kbArticles)
    .where(inWorkspace(kbArticles, ctx, eq(kbArticles.id, id)));
  if (!row) throw NotFound('errors.kb_article_not_found');
  return row;
}

/** The content hash of a knowledge-base image of this workspace (for its URL), or a refusal naming `field`. */
export async function kbImageSha(ctx: Ctx, fileId: number, field = 'imageId'): Promise<string> {
  const [f] = await ctx.db
    .select({ sha256: files.sha256 })
    .from(files)
    .where(inWorkspace(files, ctx, eq(files.id, fileId), eq(files.purpose, 'kb_image')));
  if (!f) throw InvalidField(field, 'validation.kb_image');
  return f.sha256;
}

/** Shas of several images at once (group lists). */
export async function imageShas(ctx: Ctx, ids: (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!want.length) return new Map();
  const rows = await ctx.db
    .select({ id: files.id, sha256: files.sha256 })
    .from(files)
    .where(
      and(
        eq(files.workspaceId, ctx.workspaceId),
        sql`${files.id} = any(${idArray(want)})`,
        eq(files.purpose, 'kb_image'),
      ),
    );
  return new Map(rows.map((r) => [r.id, r.sha256]));
}

/** Articles directly in each of these groups. */
export async function articleCounts(ctx: Ctx, groupIds: number[], publicOnly: boolean): Promise<Map<number, number>> {
  if (!groupIds.length) return new Map();
  const rows = await ctx.db
    .select({ groupId: kbArticles.groupId, n: sql<number>`count(*)::int` })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.workspaceId, ctx.workspaceId),
        sql`${kbArticles.groupId} = any(${idArray(groupIds)})`,
        publicOnly ? sql`${kbArticles.visible} and not ${kbArticles.internal}` : undefined,
      ),
    )
    .groupBy(kbArticles.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}
