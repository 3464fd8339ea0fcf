import { and, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { apiTokens } from '../../../db/schema';
import type { ZApiToken, ZCreateApiToken, ZCreatedApiToken } from '../../../contracts/people';
import type { TPageQuery } from '../../../contracts/common';
import { withTx, type Ctx } from '../../platform/context';
import { TOKEN_PREFIX } from '../../platform/auth/resolve-actor';
import { randomToken, sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { LimitReached, NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';
import { audit } from '../audit';
import { forgetActors } from '../../platform/auth/actor-cache';

const MAX_TOKENS_PER_USER = 50;
type Row = typeof apiTokens.$inferSelect;

const toToken = (r: Row): z.infer<typeof ZApiToken> => ({
  id: String(r.id),
  name: r.name,
  prefix: r.prefix,
  createdAt: iso(r.createdAt)!,
  lastUsedAt: iso(r.lastUsedAt),
  expiresAt: iso(r.expiresAt),
});

/** One's own tokens: each person manages the tokens that act as itself. */
export async function listApiTokens({ ctx, input }: { ctx: Ctx; input: TPageQuery }) {
  const actor = requireActor(ctx);
  const where = inWorkspace(apiTokens, ctx, eq(apiTokens.userId, actor.id));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(apiTokens)
      .where(where)
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    ctx.db.select({ total: count() }).from(apiTokens).where(where),
  ]);
  return pageOf(rows.map(toToken), Number(total), input);
}

/** Creates a token; the secret is returned this once and stored only as its hash. */
export async function createApiToken({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZCreateApiToken>;
}): Promise<z.infer<typeof ZCreatedApiToken>> {
  const actor = requireActor(ctx);
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(apiTokens)
    .where(inWorkspace(apiTokens, ctx, eq(apiTokens.userId, actor.id)));
  if (Number(n) >= MAX_TOKENS_PER_USER) throw LimitReached('errors.too_many_tokens', { max: MAX_TOKENS_PER_USER });
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const now = ctx.deps.clock.now();
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiTokens)
      .values({
        workspaceId: tx.workspaceId,
        userId: actor.id,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86400000) : null,
      })
      .returning();
    await audit(tx, 'api_token.created', 'api_token', row.id, { name: input.name });
    return { ...toToken(row), token };
  });
}

export async function deleteApiToken({ ctx, id }: { ctx: Ctx; id: number }) {
  const actor = requireActor(ctx);
  await withTx(ctx, async (tx) => {
    const deleted = await tx.db
      .delete(apiTokens)
      .where(and(inWorkspace(apiTokens, tx, eq(apiTokens.id, id), eq(apiTokens.userId, actor.id))))
      .returning({ id: apiTokens.id });
    if (!deleted.length) throw NotFound();
    await audit(tx, 'api_token.deleted', 'api_token', id);
  });
  forgetActors(ctx.deps, 'all');
}
