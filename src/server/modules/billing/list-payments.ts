import { count, desc } from 'drizzle-orm';
import type { TPageQuery } from '../../../contracts/common';
import type { TPayment } from '../../../contracts/payments';
import { payments } from '../../../db/schema';
import { inParallel, type Ctx } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { inWorkspace } from '../../platform/db/scope';
import { iso, offsetOf, pageOf, type Page } from '../../platform/pagination';

/** `GET /billing/payments`: the workspace's online payments, newest first (served by `payments_list_idx`). */
export async function listPayments({ ctx, input }: { ctx: Ctx; input: TPageQuery }): Promise<Page<TPayment>> {
  if (requireActor(ctx).role !== 'admin') throw Forbidden();
  const where = inWorkspace(payments, ctx);
  const [rows, [{ total }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(payments)
        .where(where)
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ total: count() }).from(payments).where(where),
  );
  return pageOf(rows.map(paymentView), Number(total), input);
}

/** A payment as the API shows it. Whitelisted: the authority, the error text and who paid stay on the server. */
export const paymentView = (r: typeof payments.$inferSelect): TPayment => ({
  id: String(r.id),
  purpose: r.purpose === 'subscription' ? 'subscription' : 'credit',
  amount: r.amount,
  state: r.state,
  refId: r.refId,
  cardPan: r.cardPan,
  createdAt: iso(r.createdAt)!,
  verifiedAt: iso(r.verifiedAt),
});
