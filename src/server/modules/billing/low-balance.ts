import { and, eq, isNull, sql } from 'drizzle-orm';
import { creditAccounts } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import type { AccountRow } from './credit.repo';

/** The warning mail to the workspace's admins when the credit falls under its low mark. */
export const LOW_CREDIT_QUEUE = 'billing.low-credit';
export interface LowCreditJob {
  workspaceId: number;
}

type Known = Pick<AccountRow, 'balance' | 'lowBalance' | 'lowNotifiedAt' | 'charging'>;

/**
 * After a debit: when charging is on, the balance is under the low mark and no warning went out
 * since it last rose above it, marks the account warned and queues ONE mail to the admins, in
 * the caller's transaction. The mark is set by a conditional UPDATE, so of concurrent debits
 * only one wins and queues the mail. `account` is the row as the debit returned it (under its
 * lock): with it, the common case — not low, or already warned — costs no statement.
 * Answers whether this call queued the warning.
 */
export async function afterCharge(ctx: Ctx, account: Known): Promise<boolean> {
  if (!account.charging || account.balance >= account.lowBalance || account.lowNotifiedAt) return false;
  return withTx(ctx, async (tx) => {
    const [won] = await tx.db
      .update(creditAccounts)
      .set({ lowNotifiedAt: tx.deps.clock.now() })
      .where(
        and(
          eq(creditAccounts.workspaceId, tx.workspaceId),
          eq(creditAccounts.charging, true),
          isNull(creditAccounts.lowNotifiedAt),
          sql`${creditAccounts.balance} < ${creditAccounts.lowBalance}`,
        ),
      )
      .returning({ workspaceId: creditAccounts.workspaceId });
    if (!won) return false;
    await tx.deps.jobs.send<LowCreditJob>(LOW_CREDIT_QUEUE, { workspaceId: tx.workspaceId }, { executor: tx.db });
    return true;
  });
}
