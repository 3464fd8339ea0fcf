import { and, eq, gt } from 'drizzle-orm';
import { sessions } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { createSealer, sha256 } from '../../platform/crypto';
import { countHit } from '../../platform/rate-limit';

/** How long the link from the sign-up page to the workspace's own host may be used. */
const HANDOFF_SECONDS = 120;

const sealer = (ctx: Ctx) => createSealer(ctx.deps.config.secretKey, 'signup-handoff');

/**
 * With CLOUD_DOMAIN the sign-up page (the platform's host) cannot set a cookie for
 * `<slug>.<domain>`. The verify answer therefore carries a sign-in address on the workspace's
 * host with the new session sealed in it (AES-GCM under SECRET_KEY, with its expiry), usable
 * once within two minutes; opening it sets the session cookie there.
 */
export function handoffToken(ctx: Ctx, session: { cookie: string; workspaceId: number }): string {
  const expires = ctx.deps.clock.now().getTime() + HANDOFF_SECONDS * 1000;
  return sealer(ctx).seal(JSON.stringify({ c: session.cookie, w: session.workspaceId, e: expires }));
}

/**
 * `GET /public/signup/handoff?token=`: the session cookie of a valid, unused, unexpired token
 * for this host's workspace whose session still exists — else null (the caller sends the
 * browser to the sign-in page). Used once: a second use of the same token gets null.
 */
export async function redeemHandoff(ctx: Ctx, token: string): Promise<string | null> {
  let data: { c: string; w: number; e: number };
  try {
    data = JSON.parse(sealer(ctx).open(token)) as typeof data;
  } catch {
    return null;
  }
  const now = ctx.deps.clock.now();
  if (data.w !== ctx.workspaceId || data.e < now.getTime()) return null;
  if (!(await countHit(ctx, `signup-handoff:${sha256(token)}`, 1, HANDOFF_SECONDS * 2))) return null;
  const [live] = await ctx.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(eq(sessions.id, sha256(data.c)), eq(sessions.workspaceId, ctx.workspaceId), gt(sessions.expiresAt, now)),
    );
  return live ? data.c : null;
}
