import { eq, ne } from 'drizzle-orm';
import { apiTokens, sessions } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';

/**
 * Ends an account's sessions — all of them, or all but `keep` (the one making the change) — and
 * revokes its API tokens, in the caller's transaction. After commit the caller forgets the
 * cached actors (`forgetActors`), so this process stops honouring them at once and others within
 * ACTOR_TTL_MS.
 */
export async function endSessionsAndTokens(ctx: Ctx, userId: number, keep?: string) {
  const others = keep ? ne(sessions.id, keep) : undefined;
  await ctx.db.delete(sessions).where(inWorkspace(sessions, ctx, eq(sessions.userId, userId), others));
  await ctx.db.delete(apiTokens).where(inWorkspace(apiTokens, ctx, eq(apiTokens.userId, userId)));
}

/**
 * Ends an account's sessions, leaving its API tokens (an integration's, not a device's), in the
 * caller's transaction: two-factor sign-in reset by an admin for a lost phone ends whatever that
 * phone was signed in with. The caller forgets the cached actors after commit.
 */
export async function endSessions(ctx: Ctx, userId: number) {
  await ctx.db.delete(sessions).where(inWorkspace(sessions, ctx, eq(sessions.userId, userId)));
}
