import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { notifications } from '../../../db/schema';
import type { TListNotificationsQuery, TNotificationPage } from '../../../contracts/notifications';
import type { Ctx } from '../../platform/context';
import { requireActor } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';

/** Unread notifications are counted up to here (the bell shows 99+). */
const UNREAD_CAP = 1000;

/** The person's unread count, capped (notifications_unread_idx). */
export async function unreadCount(ctx: Ctx, userId: number): Promise<number> {
  const capped = ctx.db
    .select({ one: sql`1` })
    .from(notifications)
    .where(
      and(
        eq(notifications.workspaceId, ctx.workspaceId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
      ),
    )
    .limit(UNREAD_CAP);
  const [r] = await ctx.db.select({ n: count() }).from(capped.as('capped'));
  return Number(r.n);
}

/** GET /notifications: the person's own, newest first (notifications_user_idx / _unread_idx). */
export async function listNotifications({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TListNotificationsQuery;
}): Promise<TNotificationPage> {
  const actor = requireActor(ctx);
  const where = and(
    eq(notifications.workspaceId, ctx.workspaceId),
    eq(notifications.userId, actor.id),
    input.unread ? isNull(notifications.readAt) : undefined,
  );
  const [rows, unread] = await Promise.all([
    ctx.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    unreadCount(ctx, actor.id),
  ]);
  const total = input.unread
    ? unread
    : Number(
        (
          await ctx.db.select({ n: count() }).from(
            ctx.db
              .select({ one: sql`1` })
              .from(notifications)
              .where(where)
              .limit(UNREAD_CAP * 10)
              .as('capped'),
          )
        )[0].n,
      );
  return {
    ...pageOf(
      rows.map((r) => ({
        id: String(r.id),
        event: r.event,
        ticketNumber: r.ticketNumber,
        title: r.title,
        body: r.body,
        createdAt: iso(r.createdAt)!,
        readAt: iso(r.readAt),
      })),
      total,
      input,
    ),
    unread,
  };
}
