import { eq, ne, and } from 'drizzle-orm';
import type { z } from 'zod';
import { sessions, users } from '../../../db/schema';
import type { TUser, ZChangePassword, ZUpdateMe } from '../../../contracts/people';
import { withTx, type Ctx } from '../../platform/context';
import { hashPassword, verifyPassword } from '../../platform/crypto';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { checkUnique, findUser, userWithLinks } from './users.repo';
import { forgetActors } from '../../platform/auth/actor-cache';

/** "My settings" (A9): name, contact, signature, language. */
export async function updateMe({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ZUpdateMe> }): Promise<TUser> {
  const actor = requireActor(ctx);
  await checkUnique(ctx, input, actor.id);
  const out = await withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(users)
      .set({ ...input, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(users, tx, eq(users.id, actor.id)))
      .returning();
    if (!row) throw NotFound();
    await audit(tx, 'user.profile_updated', 'user', actor.id, { fields: Object.keys(input) });
    return userWithLinks(tx, row);
  });
  forgetActors(ctx.deps, actor.id);
  return out;
}

/** Changes one's own password after checking the current one; other sessions end. */
export async function changePassword({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZChangePassword>;
}): Promise<void> {
  const actor = requireActor(ctx);
  await hitRateLimit(ctx, `password:user:${actor.id}`, 10, 600);
  const row = await findUser(ctx, actor.id);
  if (!row) throw NotFound();
  if (!(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw InvalidField('currentPassword', 'validation.current_password');
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash, updatedAt: tx.deps.clock.now() })
      .where(inWorkspace(users, tx, eq(users.id, actor.id)));
    const keep = actor.sessionId ? ne(sessions.id, actor.sessionId) : undefined;
    await tx.db.delete(sessions).where(inWorkspace(sessions, tx, and(eq(sessions.userId, actor.id), keep)));
    await audit(tx, 'user.password_changed', 'user', actor.id);
  });
  forgetActors(ctx.deps, actor.id);
}
