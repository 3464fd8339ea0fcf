import { eq } from 'drizzle-orm';
import { apiTokens, departmentAgents, groupMembers, sessions, users } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { InvalidField, NotFound } from '../../platform/errors';
import { audit } from '../audit/audit';
import { assertCanManageRole } from './manage-rules';
import { countActiveAdmins, findUser } from './users.repo';
import { forgetActors } from '../../platform/auth/actor-cache';

/**
 * Removes an account softly: the row stays (tickets keep their requester and author) but it
 * can no longer sign in, and its username, e-mail and mobile become free again.
 */
export async function deleteUser({ ctx, id }: { ctx: Ctx; id: number }): Promise<void> {
  const current = await findUser(ctx, id);
  if (!current) throw NotFound();
  assertCanManageRole(ctx, current.role);
  if (ctx.actor!.id === id) throw InvalidField('id', 'validation.cannot_delete_self');
  await withTx(ctx, async (tx) => {
    if (current.role === 'admin' && current.active && (await countActiveAdmins(tx)) <= 1)
      throw InvalidField('id', 'validation.last_admin');
    const now = tx.deps.clock.now();
    await tx.db
      .update(users)
      .set({ deletedAt: now, active: false, updatedAt: now })
      .where(inWorkspace(users, tx, eq(users.id, id)));
    await tx.db.delete(sessions).where(inWorkspace(sessions, tx, eq(sessions.userId, id)));
    await tx.db.delete(apiTokens).where(inWorkspace(apiTokens, tx, eq(apiTokens.userId, id)));
    await tx.db.delete(departmentAgents).where(inWorkspace(departmentAgents, tx, eq(departmentAgents.userId, id)));
    await tx.db.delete(groupMembers).where(inWorkspace(groupMembers, tx, eq(groupMembers.userId, id)));
    await audit(tx, 'user.deleted', 'user', id, { username: current.username });
  });
  forgetActors(ctx.deps, id);
}
