import { and, count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { apiTokens } from '../../../db/schema';
import {
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
  type TOKEN_SCOPES,
  type ZApiToken,
  type ZCreateApiToken,
  type ZCreatedApiToken,
} from '../../../contracts/people';
import type { TPageQuery } from '../../../contracts/common';
import { withTx, type Ctx } from '../../platform/context';
import { TOKEN_PREFIX } from '../../platform/auth/resolve-actor';
import { randomToken, sha256 } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, InvalidField, LimitReached, NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';
import { audit } from '../audit';
import { forgetActors } from '../../platform/auth/actor-cache';

const MAX_TOKENS_PER_USER = 50;
const DAY_MS = 86_400_000;
type Row = typeof apiTokens.$inferSelect;
type Scope = (typeof TOKEN_SCOPES)[number];

/**
 * A session may always manage its person's tokens; a token only when it carries the `tokens`
 * scope — so a leaked token cannot mint others that outlive its revocation.
 */
function requireTokenManager(ctx: Ctx) {
  const actor = requireActor(ctx);
  if (actor.via === 'token' && !actor.scopes?.includes('tokens')) throw Forbidden('errors.token_scope');
  return actor;
}

/** The new token's end: the asked date or days, TOKEN_DEFAULT_DAYS by default, TOKEN_MAX_DAYS at most. */
function expiryOf(ctx: Ctx, input: z.infer<typeof ZCreateApiToken>, now: Date): Date {
  const at = input.expiresAt
    ? new Date(input.expiresAt)
    : new Date(now.getTime() + (input.expiresInDays ?? TOKEN_DEFAULT_DAYS) * DAY_MS);
  const field = input.expiresAt ? 'expiresAt' : 'expiresInDays';
  if (at.getTime() <= now.getTime()) throw InvalidField(field, 'validation.token_expiry_past');
  if (at.getTime() > now.getTime() + TOKEN_MAX_DAYS * DAY_MS)
    throw InvalidField(field, 'validation.token_expiry_max', { days: TOKEN_MAX_DAYS });
  // A token minting another gives it no longer life than its own.
  const parent = ctx.actor?.via === 'token' ? ctx.actor.expiresAt : null;
  if (parent && at.getTime() > parent.getTime())
    throw InvalidField(field, 'validation.token_expiry_parent', { at: parent.toISOString() });
  return at;
}

const toToken = (r: Row): z.infer<typeof ZApiToken> => ({
  id: String(r.id),
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes.filter((x): x is Scope => x === 'api' || x === 'tokens'),
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

/**
 * Creates a token; the secret is returned this once and stored only as its hash. It acts with
 * its owner's permissions as they are at each request (never more), until it expires, is
 * revoked, or the owner's password changes.
 */
export async function createApiToken({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZCreateApiToken>;
}): Promise<z.infer<typeof ZCreatedApiToken>> {
  const actor = requireTokenManager(ctx);
  const now = ctx.deps.clock.now();
  const expiresAt = expiryOf(ctx, input, now);
  const [{ n }] = await ctx.db
    .select({ n: count() })
    .from(apiTokens)
    .where(inWorkspace(apiTokens, ctx, eq(apiTokens.userId, actor.id)));
  if (Number(n) >= MAX_TOKENS_PER_USER) throw LimitReached('errors.too_many_tokens', { max: MAX_TOKENS_PER_USER });
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiTokens)
      .values({
        workspaceId: tx.workspaceId,
        userId: actor.id,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        scopes: input.scopes,
        createdAt: now,
        expiresAt,
      })
      .returning();
    await audit(tx, 'api_token.created', 'api_token', row.id, {
      name: input.name,
      scopes: input.scopes,
      expiresAt: expiresAt.toISOString(),
      via: actor.via,
    });
    return { ...toToken(row), token };
  });
}

export async function deleteApiToken({ ctx, id }: { ctx: Ctx; id: number }) {
  const actor = requireTokenManager(ctx);
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
