import { and, eq, inArray, isNull } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import type { TMarkReadInput } from '../../../contracts/notifications';
import type { Ctx } from '../../platform/context';
import { requireActor } from '../../platform/http/access';
import { unreadCount } from './list-notifications';

/** POST /notifications/read `{ ids }` or `{ all: true }`: only the person's own, unread ones change. */
export async function markRead({ ctx, input }: { ctx: Ctx; input: TMarkReadInput }) {
  const actor = requireActor(ctx);
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.deps.clock.now() })
    .where(
      and(
        eq(notifications.workspaceId, ctx.workspaceId),
        eq(notifications.userId, actor.id),
        isNull(notifications.readAt),
        'ids' in input ? inArray(notifications.id, input.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { updated: updated.length, unread: await unreadCount(ctx, actor.id) };
}
