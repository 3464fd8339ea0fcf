import { and, eq, sql } from 'drizzle-orm';
import { creditAccounts, creditEntries } from '../../../db/schema';
import { CURRENCY, MAX_BALANCE, type TCredit, type TCreditEntryKind } from '../../../contracts/billing';
import type { Ctx } from '../../platform/context';

export type AccountRow = typeof creditAccounts.$inferSelect;

/** The workspace's account row, made on first use (defaults: balance 0, 190 toman, charging off). */
export async function ensureAccount(ctx: Ctx): Promise<void> {
  await ctx.db
    .insert(creditAccounts)
    .values({ workspaceId: ctx.workspaceId, updatedAt: ctx.deps.clock.now() })
    .onConflictDoNothing({ target: creditAccounts.workspaceId });
}

/** Reads the account (creating it when missing); `forUpdate` locks it to the end of the transaction. */
export async function readAccount(ctx: Ctx, opts: { forUpdate?: boolean } = {}): Promise<AccountRow> {
  const select = () => {
    const q = ctx.db.select().from(creditAccounts).where(eq(creditAccounts.workspaceId, ctx.workspaceId));
    return opts.forUpdate ? q.for('update') : q;
  };
  const [row] = await select();
  if (row) return row;
  await ensureAccount(ctx);
  return (await select())[0];
}

export const isLow = (a: Pick<AccountRow, 'charging' | 'balance' | 'lowBalance'>) =>
  a.charging && a.balance < a.lowBalance;

export const creditView = (a: AccountRow): TCredit => ({
  balance: a.balance,
  pricePerSms: a.pricePerSms,
  currency: CURRENCY,
  lowBalance: isLow(a),
  lowBalanceThreshold: a.lowBalance,
  charging: a.charging,
  codesExempt: a.codesExempt,
});

export interface EntryInput {
  kind: TCreditEntryKind;
  amount: number;
  balanceAfter: number;
  reference?: string | null;
  note?: string | null;
  deliveryId?: number | null;
  createdById?: number | null;
}

/**
 * Appends one ledger row; the caller changes the balance in the same transaction. A refund is
 * written at most once per delivery (`credit_entries_refund_uq`): a second one answers null.
 */
export async function addEntry(ctx: Ctx, e: EntryInput) {
  const insert = ctx.db.insert(creditEntries).values({
    workspaceId: ctx.workspaceId,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    reference: e.reference ?? null,
    note: e.note ?? null,
    deliveryId: e.deliveryId ?? null,
    createdById: e.createdById ?? null,
    createdAt: ctx.deps.clock.now(),
  });
  const [row] = await (
    e.kind === 'refund'
      ? insert.onConflictDoNothing({ target: creditEntries.deliveryId, where: sql`kind = 'refund'` })
      : insert
  ).returning();
  return row ?? null;
}

/**
 * Raises the balance by `amount` in one statement (never past MAX_BALANCE) and, when that lifts it
 * to the low-balance mark or above, clears `low_notified_at` so the next fall warns again.
 * Returns the new balance, or null when the account is missing or the cap would be passed.
 * Must run in a transaction with the ledger row that explains it.
 */
export async function raiseBalance(ctx: Ctx, amount: number): Promise<AccountRow | null> {
  const next = sql`${creditAccounts.balance} + ${amount}`;
  const [row] = await ctx.db
    .update(creditAccounts)
    .set({
      balance: next,
      lowNotifiedAt: sql`case when ${next} >= ${creditAccounts.lowBalance} then null else ${creditAccounts.lowNotifiedAt} end`,
      updatedAt: ctx.deps.clock.now(),
    })
    .where(and(eq(creditAccounts.workspaceId, ctx.workspaceId), sql`${next} <= ${MAX_BALANCE}`))
    .returning();
  return row ?? null;
}
