import { eq } from 'drizzle-orm';
import { sessions } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { randomToken, sha256 } from '../../platform/crypto';
import { sessionExpiry } from '../../platform/auth/resolve-actor';
import { inWorkspace } from '../../platform/db/scope';

/** Creates a session; returns the cookie value (stored only as its hash) and the CSRF token. */
export async function createSession(ctx: Ctx, userId: number, userAgent: string | undefined) {
  const cookie = randomToken(32);
  const csrfToken = randomToken(24);
  const now = ctx.deps.clock.now();
  await ctx.db.insert(sessions).values({
    id: sha256(cookie),
    workspaceId: ctx.workspaceId,
    userId,
    csrfToken,
    ip: ctx.ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiry(now, now),
  });
  return { cookie, csrfToken };
}

export async function deleteSession(ctx: Ctx, sessionId: string) {
  await ctx.db.delete(sessions).where(inWorkspace(sessions, ctx, eq(sessions.id, sessionId)));
}
