import type { TTopUp, TTopUpStarted } from '../../../contracts/payments';
import { payments } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { AppError, Forbidden } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { hitRateLimit } from '../../platform/rate-limit';
import { t } from '../../platform/i18n';
import { audit } from '../audit';
import { ZarinpalError } from './zarinpal';
import { CALLBACK_PATH, requireZarinpal } from './zarinpal-of';

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
  const zarinpal = requireZarinpal(ctx.deps);
  await hitRateLimit(ctx, `payments.top-up:${actor.id}`, LIMIT.hits, LIMIT.windowSeconds);
  let started;
  try {
    started = await zarinpal.requestPayment({
      amount: input.amount,
      currency: 'IRT',
      callbackUrl: `${ctx.deps.config.publicUrl}${CALLBACK_PATH}`,
      description: t(ctx.locale, 'payments.credit_description', { amount: input.amount }),
    });
  } catch (e) {
    if (!(e instanceof ZarinpalError)) throw e;
    // The client's message never holds the merchant id, so it may be logged as it is.
    ctx.deps.log.warn({ reqId: ctx.requestId, kind: e.kind, code: e.code }, e.message);
    throw new AppError('invalid', { key: 'errors.payment_gateway_failed' });
  }
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
