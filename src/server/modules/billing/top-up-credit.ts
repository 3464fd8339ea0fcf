import type { TTopUp, TTopUpStarted } from '../../../contracts/payments';
import { payments } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { hitRateLimit } from '../../platform/rate-limit';
import { t } from '../../platform/i18n';
import { audit } from '../audit';
import { requireZarinpal, startZarinpalPayment } from './zarinpal-of';

/** Payment sessions one admin may open per window: enough for retries, not for flooding Zarinpal. */
const LIMIT = { hits: 10, windowSeconds: 600 };

/**
 * `POST /billing/credit/top-up`: opens a Zarinpal payment for `amount` toman (sent as IRT, the
 * ledger's unit) and answers the StartPay address for the browser. The row is written only once
 * Zarinpal gave the authority: the callback and the reconcile job find the payment by it.
 */
export async function topUpCredit({ ctx, input }: { ctx: Ctx; input: TTopUp }): Promise<TTopUpStarted> {
  const actor = requireActor(ctx);
  if (actor.role !== 'admin') throw Forbidden();
  requireZarinpal(ctx.deps); // 400 at once when online payment is not set up
  await hitRateLimit(ctx, `payments.top-up:${actor.id}`, LIMIT.hits, LIMIT.windowSeconds);
  const started = await startZarinpalPayment(
    ctx,
    input.amount,
    t(ctx.locale, 'payments.credit_description', { amount: input.amount }),
  );
  return withTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(payments)
      .values({
        workspaceId: tx.workspaceId,
        purpose: 'credit',
        amount: input.amount,
        authority: started.authority,
        state: 'created',
        createdById: actor.id,
        createdAt: tx.deps.clock.now(),
      })
      .returning({ id: payments.id });
    await audit(tx, 'payment.started', 'payment', row.id, { amount: input.amount, purpose: 'credit' });
    return { paymentUrl: started.paymentUrl };
  });
}
