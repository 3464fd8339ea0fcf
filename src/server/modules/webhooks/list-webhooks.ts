import { and, asc, count, desc, eq } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../../db/schema';
import type { TPageQuery } from '../../../contracts/common';
import type { TWebhook, TWebhookDelivery } from '../../../contracts/webhooks';
import { inParallel, type Ctx } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { offsetOf, pageOf, type Page } from '../../platform/pagination';
import { findWebhook, requireAdmin, toDelivery, toWebhook } from './webhooks.repo';

/** The workspace's webhooks, oldest first (index webhooks_ws_idx). */
export async function listWebhooks({ ctx, input }: { ctx: Ctx; input: TPageQuery }): Promise<Page<TWebhook>> {
  requireAdmin(ctx);
  const scope = eq(webhooks.workspaceId, ctx.workspaceId);
  const [rows, [{ total }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(webhooks)
        .where(scope)
        .orderBy(asc(webhooks.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ total: count() }).from(webhooks).where(scope),
  );
  const now = ctx.deps.clock.now();
  return pageOf(
    rows.map((r) => toWebhook(r, now)),
    total,
    input,
  );
}

export async function getWebhook({ ctx, id }: { ctx: Ctx; id: number }): Promise<TWebhook> {
  requireAdmin(ctx);
  const row = await findWebhook(ctx, id);
  if (!row) throw NotFound();
  return toWebhook(row, ctx.deps.clock.now());
}

/** One webhook's delivery log, newest first (index webhook_deliveries_webhook_idx). */
export async function listDeliveries({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: TPageQuery;
}): Promise<Page<TWebhookDelivery>> {
  requireAdmin(ctx);
  if (!(await findWebhook(ctx, id))) throw NotFound();
  const scope = and(eq(webhookDeliveries.workspaceId, ctx.workspaceId), eq(webhookDeliveries.webhookId, id));
  const [rows, [{ total }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(webhookDeliveries)
        .where(scope)
        .orderBy(desc(webhookDeliveries.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ total: count() }).from(webhookDeliveries).where(scope),
  );
  return pageOf(rows.map(toDelivery), total, input);
}
