import { count, desc } from 'drizzle-orm';
import { creditEntries } from '../../../db/schema';
import type { TCreditEntry, TCreditEntryKind } from '../../../contracts/billing';
import type { TPageQuery } from '../../../contracts/common';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { iso, offsetOf, pageOf, type Page } from '../../platform/pagination';
import { requireCreditReader } from './get-credit';

/** `GET /billing/credit/entries`: the ledger, newest first (served by `credit_entries_idx`). */
export async function listCreditEntries({ ctx, input }: { ctx: Ctx; input: TPageQuery }): Promise<Page<TCreditEntry>> {
  requireCreditReader(ctx);
  const where = inWorkspace(creditEntries, ctx);
  const [rows, [{ total }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(creditEntries)
        .where(where)
        .orderBy(desc(creditEntries.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ total: count() }).from(creditEntries).where(where),
  );
  return pageOf(
    rows.map((r) => ({
      id: String(r.id),
      kind: r.kind as TCreditEntryKind,
      amount: r.amount,
      balanceAfter: r.balanceAfter,
      reference: r.reference,
      note: r.note,
      createdAt: iso(r.createdAt)!,
    })),
    Number(total),
    input,
  );
}
