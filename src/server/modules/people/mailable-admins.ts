import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { Ctx } from '../../platform/context';

/**
 * The workspace's active administrators who have an e-mail address, oldest first, at most 50:
 * whom the workspace's own warnings go to (low SMS credit, plan reminders).
 */
export function mailableAdmins(ctx: Ctx) {
  return ctx.db
    .select({ email: users.email, name: users.name, username: users.username, locale: users.locale })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, ctx.workspaceId),
        eq(users.role, 'admin'),
        eq(users.active, true),
        isNull(users.deletedAt),
        isNotNull(users.email),
      ),
    )
    .orderBy(asc(users.id))
    .limit(50);
}
