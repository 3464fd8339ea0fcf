import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { Ctx } from '../../platform/context';

export const DAY_MS = 86_400_000;
/**
 * A subscription month is 30 days: what is bought, and the price per day of the proration,
 * come out the same whatever the calendar month (Persian months are 29 to 31 days long).
 */
export const MONTH_DAYS = 30;
/** Zarinpal's smallest payment we open (toman): a proration never brings the amount below it. */
export const MIN_SUBSCRIPTION_AMOUNT = 1000;

export const periodMs = (months: number, periods: number) => months * periods * MONTH_DAYS * DAY_MS;

/** What a paid subscription payment bought, as kept on its `payments` row. */
export interface PaidPurchase {
  amount: number;
  proration: number | null;
  months: number | null;
  periods: number | null;
}

export interface QuoteInput {
  now: Date;
  planId: number;
  /** The plan's price of one period of `months`. */
  periodPrice: number;
  months: number;
  periods: number;
  /** The workspace's subscription now, if it has one. */
  current: { planId: number; endsAt: Date; trial: boolean } | null;
  /** The last paid purchase of the current plan (its price per day); null when never paid. */
  lastPaid: PaidPurchase | null;
}

export interface Quote {
  price: number;
  /** What is credited of the current plan's unused days: price − amount, never negative. */
  proration: number;
  amount: number;
  endsAt: Date;
}

/**
 * The price of a purchase. The same plan again extends it: the new end counts from its end, or
 * from now when it has already ended. Another plan (an upgrade or a downgrade) starts now, and
 * the whole days left of the current paid plan are credited at the price per day it was bought
 * at (that purchase's price — amount + proration — over its days); a trial is never credited.
 * The credit only lowers the price down to Zarinpal's minimum: the rest of it is not paid back.
 */
export function quoteOf(q: QuoteInput): Quote {
  const price = q.periodPrice * q.periods;
  const length = periodMs(q.months, q.periods);
  const now = q.now.getTime();
  const cur = q.current;
  if (cur && cur.planId === q.planId) {
    const from = Math.max(cur.endsAt.getTime(), now);
    return { price, proration: 0, amount: price, endsAt: new Date(from + length) };
  }
  let unused = 0;
  const paid = q.lastPaid;
  if (cur && !cur.trial && paid?.months && paid.periods && cur.endsAt.getTime() > now) {
    const daysLeft = Math.floor((cur.endsAt.getTime() - now) / DAY_MS);
    const boughtPrice = paid.amount + (paid.proration ?? 0);
    unused = Math.floor((daysLeft * boughtPrice) / (paid.months * paid.periods * MONTH_DAYS));
  }
  const amount = Math.max(price - unused, Math.min(price, MIN_SUBSCRIPTION_AMOUNT));
  return { price, proration: price - amount, amount, endsAt: new Date(now + length) };
}

/** The workspace's last paid purchase of `planId` (newest first), or null. */
export async function lastPaidPurchase(ctx: Ctx, planId: number): Promise<PaidPurchase | null> {
  const [row] = await ctx.db
    .select({
      amount: payments.amount,
      proration: payments.proration,
      months: payments.months,
      periods: payments.periods,
    })
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, ctx.workspaceId),
        eq(payments.purpose, 'subscription'),
        eq(payments.planId, planId),
        isNotNull(payments.creditedAt),
      ),
    )
    .orderBy(desc(payments.creditedAt), desc(payments.id))
    .limit(1);
  return row ?? null;
}
