import { count, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZOperatorPayment, ZOperatorPaymentsQuery } from '../../../contracts/cloud';
import { payments, workspaces } from '../../../db/schema';
import { inParallel, type Ctx } from '../../platform/context';
import { offsetOf, pageOf, type Page } from '../../platform/pagination';
import { paymentView } from '../billing';

type Query = z.infer<typeof ZOperatorPaymentsQuery>;

/**
 * `GET /operator/payments`: the online payments of every workspace (or of one, `workspaceId`),
 * newest first, paged. One workspace's list is served by `payments_list_idx`; the whole list
 * sorts the table, which holds one row per payment ever opened — small beside tickets.
 */
export async function listAllPayments({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: Query;
}): Promise<Page<z.infer<typeof ZOperatorPayment>>> {
  const where = input.workspaceId ? eq(payments.workspaceId, Number(input.workspaceId)) : undefined;
  const [rows, [{ total }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select({ p: payments, slug: workspaces.slug })
        .from(payments)
        .innerJoin(workspaces, eq(workspaces.id, payments.workspaceId))
        .where(where)
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ total: count() }).from(payments).where(where),
  );
  // Whitelisted as in the workspace's own list: the authority and the gateway's error text stay here.
  return pageOf(
    rows.map(({ p, slug }) => ({ ...paymentView(p), workspace: { id: String(p.workspaceId), slug } })),
    Number(total),
    input,
  );
}
