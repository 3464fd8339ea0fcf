import { desc, eq } from 'drizzle-orm';
import { creditEntries } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { addEntry, raiseBalance, readAccount } from './credit.repo';

export interface RefundSmsResult {
  /** Whether this call gave the charge back (false: nothing was charged, or it was refunded already). */
  refunded: boolean;
  /** Toman given back by this call (0 when nothing was). */
  amount: number;
  balance: number;
}

/**
 * Gives the charge of one SMS delivery back (it failed, or was never sent), in the caller's
 * transaction if any: only when the ledger holds an 'sms' entry for the delivery and no refund
 * yet. The account row is locked first, so the entries of one workspace are written one
 * transaction after another (the ledger's balance chain holds), and the refund row is inserted
 * before the balance moves, with the unique index on a delivery's refund
 * (`credit_entries_refund_uq`) deciding: a second call changes nothing.
 */
export async function refundSms(ctx: Ctx, input: { deliveryId: number }): Promise<RefundSmsResult> {
  return withTx(ctx, async (tx) => {
    const [charge] = await tx.db
      .select({ amount: creditEntries.amount })
      .from(creditEntries)
      .where(
        inWorkspace(creditEntries, tx, eq(creditEntries.deliveryId, input.deliveryId), eq(creditEntries.kind, 'sms')),
      )
      .orderBy(desc(creditEntries.id))
      .limit(1);
    if (!charge || charge.amount >= 0) return { refunded: false, amount: 0, balance: (await readAccount(tx)).balance };
    const account = await readAccount(tx, { forUpdate: true });
    const amount = -charge.amount;
    const entry = await addEntry(tx, {
      kind: 'refund',
      amount,
      balanceAfter: account.balance + amount,
      reference: `delivery:${input.deliveryId}`,
      deliveryId: input.deliveryId,
    });
    if (!entry) return { refunded: false, amount: 0, balance: account.balance };
    const after = await raiseBalance(tx, amount);
    if (!after) throw new Error('refundSms: the balance would pass its cap');
    return { refunded: true, amount, balance: after.balance };
  });
}
