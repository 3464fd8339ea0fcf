import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { TPaymentOutcome } from '../../../contracts/payments';
import { payments, type PaymentState } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { audit } from '../audit';
import { applySubscriptionPayment } from '../cloud';
import { addEntry, ensureAccount, raiseBalance } from './credit.repo';
import { ZarinpalError, type PaymentVerified, type ZarinpalClient } from './zarinpal';

export type PaymentRow = typeof payments.$inferSelect;

/** Zarinpal's final no: the amount differs (-50), it was not paid (-51), no such session (-53…-55). */
const FINAL: ReadonlySet<string> = new Set(['amount_mismatch', 'not_paid', 'unknown_authority']);

/** What the browser is told about a payment in a given state. */
export const outcomeOf = (state: PaymentState): TPaymentOutcome =>
  state === 'paid' ? 'ok' : state === 'failed' ? 'failed' : state === 'cancelled' ? 'cancelled' : 'pending';

/** Thrown inside the credit transaction to roll it back when the balance would pass its cap. */
class BalanceCap extends Error {}

/**
 * Verifies one payment at Zarinpal and credits it — shared by the callback and the reconcile job.
 *
 * Verify runs once per claim: one conditional update moves the row `created → verifying`, and
 * only the caller that got the row back asks Zarinpal (parallel callbacks see nothing to claim
 * and answer `pending`). The reconcile job may also take a row left in `verifying` (its claimer
 * died mid-call): Zarinpal answers 101 for a verified payment, and the credit is still guarded
 * by `credited_at is null` in the statement that marks it paid, so it is never added twice.
 */
export async function verifyAndCredit(
  ctx: Ctx,
  payment: PaymentRow,
  zarinpal: ZarinpalClient,
  opts: { takeStale?: boolean } = {},
): Promise<TPaymentOutcome> {
  const from: PaymentState[] = opts.takeStale ? ['created', 'verifying'] : ['created'];
  const [claimed] = await ctx.db
    .update(payments)
    .set({ state: 'verifying' })
    .where(and(eq(payments.id, payment.id), eq(payments.workspaceId, ctx.workspaceId), inArray(payments.state, from)))
    .returning();
  if (!claimed) return outcomeOf(await currentState(ctx, payment.id));

  let verified: PaymentVerified;
  try {
    verified = await zarinpal.verifyPayment({ amount: claimed.amount, authority: claimed.authority, currency: 'IRT' });
  } catch (e) {
    const final = e instanceof ZarinpalError && FINAL.has(e.kind);
    const error = e instanceof ZarinpalError ? `${e.kind} ${e.code ?? ''}`.trim() : 'error';
    // Not final (no answer, rate limited, anything unexpected): back to `created`, the job retries it.
    await ctx.db
      .update(payments)
      .set({ state: final ? 'failed' : 'created', error })
      .where(and(eq(payments.id, claimed.id), eq(payments.state, 'verifying')));
    ctx.deps.log.warn(
      { reqId: ctx.requestId, paymentId: claimed.id, error },
      e instanceof Error ? e.message : 'verify failed',
    );
    if (!(e instanceof ZarinpalError)) throw e;
    return final ? 'failed' : 'pending';
  }
  await credit(ctx, claimed, verified);
  return 'ok';
}

/**
 * Marks the payment paid and adds its amount to the credit — or applies the plan it bought — in
 * one transaction, at most once.
 */
async function credit(ctx: Ctx, p: PaymentRow, v: PaymentVerified) {
  const now = ctx.deps.clock.now();
  const paid = { state: 'paid' as const, refId: v.refId, cardPan: v.cardPan, fee: v.fee, verifiedAt: now };
  try {
    await withTx(ctx, async (tx) => {
      const [row] = await tx.db
        .update(payments)
        .set({ ...paid, creditedAt: now, error: null })
        .where(and(eq(payments.id, p.id), isNull(payments.creditedAt)))
        .returning();
      if (!row) return; // credited already (a parallel job run, a replay)
      // A plan bought (cloud mode): applied once, under the same guard, instead of a credit.
      if (p.purpose === 'subscription') return applySubscriptionPayment(tx, row);
      await ensureAccount(tx);
      const account = await raiseBalance(tx, p.amount);
      if (!account) throw new BalanceCap();
      const entry = await addEntry(tx, {
        kind: 'topup',
        amount: p.amount,
        balanceAfter: account.balance,
        reference: `zarinpal ${v.refId ?? p.authority}`,
        // The reference names the payment; a note would be shown untranslated in either language.
        note: null,
        createdById: p.createdById,
      });
      await audit(tx, 'credit.topped_up', 'payment', p.id, { amount: p.amount, refId: v.refId, entryId: entry!.id });
    });
  } catch (e) {
    if (!(e instanceof BalanceCap)) throw e;
    // The money was received but the balance is at its cap: kept paid and uncredited, for the operator.
    await ctx.db
      .update(payments)
      .set({ ...paid, error: 'balance_cap' })
      .where(and(eq(payments.id, p.id), isNull(payments.creditedAt)));
  }
}

async function currentState(ctx: Ctx, id: number): Promise<PaymentState> {
  const [row] = await ctx.db
    .select({ state: payments.state })
    .from(payments)
    .where(and(eq(payments.id, id), eq(payments.workspaceId, ctx.workspaceId)));
  return row?.state ?? 'created';
}
