import { and, eq, sql } from 'drizzle-orm';
import { kbArticles, users } from '../../../db/schema';
import type { TCreateKbArticle, TKbArticle, TUpdateKbArticle } from '../../../contracts/kb';
import { normalizeText } from '../../../contracts/text';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField } from '../../platform/errors';
import { sanitizeArticleHtml } from '../../platform/html';
import { requirePermission } from '../../platform/http/access';
import { audit } from '../audit';
import { articleVectors, bodyTextOf, slugOf } from './article-text';
import { findArticle, findGroup, toKbArticle, type KbArticleRow } from './kb.repo';

/** H1: an article goes only into a group with the knowledge-base capability. */
async function checkGroup(tx: Ctx, groupId: number) {
  const group = await findGroup(tx, groupId).catch(() => {
    throw InvalidField('groupId', 'validation.kb_group_missing');
  });
  if (!group.kb) throw InvalidField('groupId', 'validation.kb_group_no_capability');
}

/** The stored form of a slug: what any spelling of it (ي/ی, digits, case) looks up. */
export const slugKey = (slug: string) => normalizeText(slug).replace(/ /g, '-');

/**
 * A slug free in the workspace: the one asked for (refused when taken), else the title's —
 * with -2, -3… when another article already has it.
 */
async function freeSlug(tx: Ctx, wanted: string | undefined, title: string, self: number | null): Promise<string> {
  const taken = async (s: string) => {
    const [r] = await tx.db
      .select({ id: kbArticles.id })
      .from(kbArticles)
      .where(inWorkspace(kbArticles, tx, eq(kbArticles.slug, s), self ? sql`${kbArticles.id} <> ${self}` : undefined))
      .limit(1);
    return !!r;
  };
  if (wanted !== undefined) {
    const s = slugKey(wanted);
    if (await taken(s)) throw InvalidField('slug', 'validation.kb_slug_taken');
    return s;
  }
  const base = slugOf(title);
  if (!(await taken(base))) return base;
  const [{ n }] = await tx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(kbArticles)
    .where(inWorkspace(kbArticles, tx, sql`${kbArticles.slug} like ${`${base}-%`}`));
  for (let i = Number(n) + 2; ; i++) if (!(await taken(`${base}-${i}`))) return `${base}-${i}`;
}

async function authorName(tx: Ctx, id: number | null) {
  if (id === null) return null;
  const [u] = await tx.db
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, tx.workspaceId), eq(users.id, id)));
  return u?.name ?? null;
}

/** What the row's text columns become: sanitised body, its plain text and the search vector. */
function texts(a: { title: string; body: string; summary: string; keywords: string[] }) {
  const bodyHtml = sanitizeArticleHtml(a.body);
  const bodyText = bodyTextOf(bodyHtml);
  return { bodyHtml, bodyText, ...articleVectors({ ...a, bodyText }) };
}

export async function createKbArticle({ ctx, input }: { ctx: Ctx; input: TCreateKbArticle }): Promise<TKbArticle> {
  requirePermission(ctx, 'kb.manage');
  const t = texts(input);
  return withTx(ctx, async (tx) => {
    await checkGroup(tx, input.groupId);
    const slug = await freeSlug(tx, input.slug, input.title, null);
    const now = tx.deps.clock.now();
    const { body: _body, slug: _slug, ...rest } = input;
    const [row] = await tx.db
      .insert(kbArticles)
      .values({
        ...rest,
        ...t,
        slug,
        authorId: tx.actor?.id ?? null,
        workspaceId: tx.workspaceId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, 'kb_article.created', 'kb_article', row.id, { title: row.title, slug });
    return toKbArticle(row, await authorName(tx, row.authorId));
  });
}

export async function updateKbArticle({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TUpdateKbArticle;
}): Promise<TKbArticle> {
  requirePermission(ctx, 'kb.manage');
  return withTx(ctx, async (tx) => {
    const before: KbArticleRow = await findArticle(tx, id);
    if (input.groupId !== undefined && input.groupId !== before.groupId) await checkGroup(tx, input.groupId);
    const merged = {
      title: input.title ?? before.title,
      body: input.body ?? before.bodyHtml,
      summary: input.summary ?? before.summary,
      keywords: input.keywords ?? before.keywords,
    };
    // The address stays when the title changes (links to it keep working); a new slug only when asked.
    const slug = input.slug !== undefined ? await freeSlug(tx, input.slug, merged.title, id) : before.slug;
    const { body: _body, slug: _slug, ...rest } = input;
    const [row] = await tx.db
      .update(kbArticles)
      .set({ ...rest, ...texts(merged), slug, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(kbArticles, tx, eq(kbArticles.id, id)))
      .returning();
    await audit(tx, 'kb_article.updated', 'kb_article', id, { changed: Object.keys(input) });
    return toKbArticle(row, await authorName(tx, row.authorId));
  });
}

export async function deleteKbArticle({ ctx, id }: { ctx: Ctx; id: number }) {
  requirePermission(ctx, 'kb.manage');
  await withTx(ctx, async (tx) => {
    const a = await findArticle(tx, id);
    await tx.db.delete(kbArticles).where(inWorkspace(kbArticles, tx, eq(kbArticles.id, id)));
    await audit(tx, 'kb_article.deleted', 'kb_article', id, { title: a.title, slug: a.slug });
  });
}

export async function getKbArticle({ ctx, id }: { ctx: Ctx; id: number }): Promise<TKbArticle> {
  const row = await findArticle(ctx, id);
  return toKbArticle(row, await authorName(ctx, row.authorId));
}
