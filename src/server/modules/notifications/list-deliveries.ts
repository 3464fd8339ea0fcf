import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { deliveries } from '../../../db/schema';
import type { TChannel, TDeliveryPage, TDeliveryStatus, TListDeliveriesQuery } from '../../../contracts/notifications';
import type { Ctx } from '../../platform/context';
import { requirePermission } from '../../platform/http/access';
import { iso, offsetOf, pageOf } from '../../platform/pagination';

/** Totals are counted up to here; the log of a busy workspace is long. */
const COUNT_CAP = 10_000;

/**
 * GET /deliveries (settings.manage): every outgoing e-mail, SMS and push, newest first, by
 * channel, status and ticket number (deliveries_created_idx, _channel_status_idx, _ticket_idx).
 */
export async function listDeliveries({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TListDeliveriesQuery;
}): Promise<TDeliveryPage> {
  requirePermission(ctx, 'settings.manage');
  const where = and(
    eq(deliveries.workspaceId, ctx.workspaceId),
    input.channel ? eq(deliveries.channel, input.channel) : undefined,
    input.status?.length ? inArray(deliveries.status, input.status) : undefined,
    input.ticketNumber ? eq(deliveries.ticketNumber, input.ticketNumber) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select()
      .from(deliveries)
      .where(where)
      .orderBy(desc(deliveries.id))
      .limit(input.pageSize)
      .offset(offsetOf(input)),
    ctx.db.select({ n: count() }).from(
      ctx.db
        .select({ one: sql`1` })
        .from(deliveries)
        .where(where)
        .limit(COUNT_CAP)
        .as('capped'),
    ),
  ]);
  return pageOf(
    rows.map((r) => ({
      id: String(r.id),
      channel: r.channel as TChannel,
      to: r.to,
      event: r.event,
      ticketNumber: r.ticketNumber,
      status: r.status as TDeliveryStatus,
      reason: r.reason,
      attempts: r.attempts,
      parts: r.parts,
      price: r.price,
      provider: r.provider,
      createdAt: iso(r.createdAt)!,
      sentAt: iso(r.sentAt),
    })),
    Number(n),
    input,
  );
}
