import { eq } from 'drizzle-orm';
import { subscriptions, workspaces } from '../../../db/schema';
import { RESERVED_SLUGS } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/database';
import { AppError, InvalidField, NotFound } from '../../platform/errors';

/** Self-hosted, the sign-up routes answer as if they did not exist. */
export function requireCloud(ctx: Ctx) {
  if (!ctx.deps.config.cloud.enabled) throw NotFound('errors.route_not_found');
}

/** 409 naming the field, with a message that says what to do instead. */
const taken = (field: 'slug' | 'mobile', key: string) => new AppError('conflict', { key }, { [field]: { key } });

export const slugTaken = () => taken('slug', 'validation.signup_slug_taken');
export const mobileHasWorkspace = () => taken('mobile', 'validation.signup_mobile_taken');

/**
 * Refuses a sign-up whose address is reserved or already a workspace, or whose mobile already
 * owns one (I1: that owner signs in with the link they were sent instead). Asked when the code
 * is requested and again, in the creating transaction, when it is verified.
 */
export async function refuseUnavailable(db: Executor, s: { slug: string; mobile: string }) {
  if (RESERVED_SLUGS.has(s.slug)) throw InvalidField('slug', 'validation.signup_slug_reserved');
  const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, s.slug)).limit(1);
  if (ws) throw slugTaken();
  const [owner] = await db
    .select({ id: subscriptions.workspaceId })
    .from(subscriptions)
    .where(eq(subscriptions.ownerMobile, s.mobile))
    .limit(1);
  if (owner) throw mobileHasWorkspace();
}

/** The unique index a racing sign-up ran into (Drizzle wraps the driver's error in `cause`). */
export function uniqueViolation(err: unknown): string | null {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.code === '23505') return e.constraint ?? '';
    e = e.cause as typeof e;
  }
  return null;
}
