import { LIMIT_NAMES, type TBuySubscription, type TSubscriptionStarted } from '../../../contracts/cloud';
import { MAX_TOP_UP } from '../../../contracts/payments';
import { payments } from '../../../db/schema';
import { withTx, type Ctx } from '../../platform/context';
import { Conflict, Forbidden, InvalidField } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { t } from '../../platform/i18n';
import { hitRateLimit } from '../../platform/rate-limit';
import { audit } from '../audit';
import { requireZarinpal, startZarinpalPayment } from '../billing';
import { limitOf, usageOf } from './limits';
import { requireCloud } from './list-plans';
import { getPlan } from './plans.repo';
import { getSubscriptionRow } from './subscription.repo';
import { lastPaidPurchase, quoteOf } from './subscription-quote';

/** Payment sessions one admin may open per window, as for the credit top-up. */
const LIMIT = { hits: 10, windowSeconds: 600 };

/**
 * `POST /billing/subscription` (cloud mode): quotes `periods` × `months` of a plan (crediting the
 * unused days of the current paid plan when it is another one), opens a Zarinpal payment of the
 * quote's amount and answers the StartPay address with the quote. Nothing changes before the
 * payment is verified (apply-subscription-payment.ts). A plan whose limits are below what the
 * workspace already uses is refused (409, naming the limit): it would be over its limits at once.
 */
export async function buySubscription({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TBuySubscription;
}): Promise<TSubscriptionStarted> {
  const actor = requireActor(ctx);
  requireCloud(ctx);
  if (actor.role !== 'admin') throw Forbidden();
  const plan = await getPlan(ctx.db, Number(input.planId));
  const current = await getSubscriptionRow(ctx.db, ctx.workspaceId);
  // A retired plan is still renewed by the workspaces already on it; nobody else may choose it.
  if (!plan || plan.trial || (!plan.active && plan.id !== current?.planId))
    throw InvalidField('planId', 'validation.unknown_plan');
  const price = plan.prices.find((p) => p.months === input.months);
  if (!price) throw InvalidField('months', 'validation.plan_period_unknown', { months: input.months });

  const usage = await usageOf(ctx.db, ctx.workspaceId);
  for (const name of LIMIT_NAMES) {
    const max = limitOf(plan, name);
    if (max !== null && usage[name] > max)
      throw Conflict(
        `errors.plan_below_usage_${name}`,
        { max, usage: usage[name] },
        { limit: name, max, usage: usage[name] },
      );
  }

  const now = ctx.deps.clock.now();
  const quote = quoteOf({
    now,
    planId: plan.id,
    periodPrice: price.amount,
    months: input.months,
    periods: input.periods,
    current: current && { planId: current.planId, endsAt: current.endsAt, trial: current.plan.trial },
    lastPaid: current && current.planId !== plan.id ? await lastPaidPurchase(ctx, current.planId) : null,
  });
  if (quote.amount > MAX_TOP_UP) throw InvalidField('periods', 'validation.payment_too_large', { max: MAX_TOP_UP });

  requireZarinpal(ctx.deps); // 400 at once when online payment is not set up
  await hitRateLimit(ctx, `payments.subscription:${actor.id}`, LIMIT.hits, LIMIT.windowSeconds);
  const started = await startZarinpalPayment(
    ctx,
    quote.amount,
    t(ctx.locale, 'payments.subscription_description', {
      plan: ctx.locale === 'en' && plan.nameEn ? plan.nameEn : plan.name,
      months: input.months * input.periods,
    }),
  );
  return withTx(ctx, async (tx) => {
    // What was bought rides on the payment: the verify applies exactly this, however late.
    const [row] = await tx.db
      .insert(payments)
      .values({
        workspaceId: tx.workspaceId,
        purpose: 'subscription',
        amount: quote.amount,
        authority: started.authority,
        state: 'created',
        createdById: actor.id,
        createdAt: now,
        planId: plan.id,
        months: input.months,
        periods: input.periods,
        proration: quote.proration,
      })
      .returning({ id: payments.id });
    await audit(tx, 'payment.started', 'payment', row.id, {
      purpose: 'subscription',
      planId: plan.id,
      months: input.months,
      periods: input.periods,
      price: quote.price,
      proration: quote.proration,
      amount: quote.amount,
    });
    return {
      paymentUrl: started.paymentUrl,
      price: quote.price,
      proration: quote.proration,
      amount: quote.amount,
      endsAt: quote.endsAt.toISOString(),
    };
  });
}
