import type { TLimitName, TPlan, TPlanLimits, TSubscriptionState, TUsage } from '../../../contracts/cloud';
import type { TPaymentOutcome, TPaymentState } from '../../../contracts/payments';

/**
 * The workspace's billing (issue 19): pure helpers of the billing page and banners, kept apart
 * from the components so that they are tested without a browser.
 */

/** One cache for the subscription: the page, the banner and the plan chooser read the same answer. */
export const SUBSCRIPTION_KEY = ['admin', 'billing', 'subscription'] as const;
export const PLANS_KEY = ['admin', 'billing', 'plans'] as const;
export const PAYMENTS_KEY = ['admin', 'billing', 'payments'] as const;

/** The limits in the order the page shows them. */
export const LIMITS: readonly TLimitName[] = ['agents', 'customers', 'departments'];

/** At or past this share of a limit the usage bar turns to the warning colour. */
export const NEAR_LIMIT = 0.8;

export type UsageLevel = 'ok' | 'near' | 'full' | 'unlimited';

/** How close `used` is to `max` (null: the plan sets no limit). */
export function usageLevel(used: number, max: number | null): UsageLevel {
  if (max === null) return 'unlimited';
  if (used >= max) return 'full';
  if (max > 0 && used / max >= NEAR_LIMIT) return 'near';
  return 'ok';
}

/** The bar's fill, 0…100 (an unlimited plan shows an empty bar, a zero limit a full one). */
export function usagePercent(used: number, max: number | null): number {
  if (max === null) return 0;
  if (max <= 0) return 100;
  return Math.min(100, Math.round((used / max) * 100));
}

/** A workspace made before cloud mode has no end: the server says so with the last date ISO 8601 writes. */
export const neverEnds = (iso: string) => iso.startsWith('9999-');

/** The plan's name in the reader's language: the English name when there is one and the page is English. */
export const planName = (plan: Pick<TPlan, 'name' | 'nameEn'>, lang: string) =>
  lang === 'en' && plan.nameEn.trim() ? plan.nameEn : plan.name;

/** Plans that can be bought: active, not the trial, with at least one price; cheapest periods first. */
export function buyablePlans(plans: TPlan[]): TPlan[] {
  return plans
    .filter((p) => p.active && !p.trial && p.prices.length > 0)
    .map((p) => ({ ...p, prices: [...p.prices].sort((a, b) => a.months - b.months) }));
}

/** What `periods` periods of `months` cost before any proration (the server's quote has the final word). */
export function priceOf(plan: Pick<TPlan, 'prices'>, months: number, periods: number): number | null {
  const price = plan.prices.find((p) => p.months === months);
  return price ? price.amount * periods : null;
}

/** The monthly price of a period, rounded to a whole toman (to compare periods). */
export const perMonth = (amount: number, months: number) => Math.round(amount / Math.max(1, months));

/** Whether the plan's limits hold what the workspace already has (buying a smaller plan is refused). */
export function limitsBelowUsage(limits: TPlanLimits, usage: TUsage): TLimitName[] {
  return LIMITS.filter((l) => limits[l] !== null && usage[l] > (limits[l] as number));
}

export const STATE_COLORS: Record<TSubscriptionState, 'info' | 'success' | 'warning' | 'error'> = {
  trial: 'info',
  active: 'success',
  grace: 'warning',
  expired: 'error',
  suspended: 'error',
};

export const PAYMENT_COLORS: Record<TPaymentState, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  created: 'default',
  verifying: 'info',
  paid: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const OUTCOMES: readonly TPaymentOutcome[] = ['ok', 'failed', 'pending', 'cancelled', 'unknown'];

/** `?payment=` as the Zarinpal callback sets it; anything else (edited by hand) reads as unknown. */
export function paymentOutcome(value: string | null): TPaymentOutcome | null {
  if (value === null) return null;
  return (OUTCOMES as readonly string[]).includes(value) ? (value as TPaymentOutcome) : 'unknown';
}

export const OUTCOME_SEVERITY: Record<TPaymentOutcome, 'success' | 'error' | 'info' | 'warning'> = {
  ok: 'success',
  failed: 'error',
  pending: 'info',
  cancelled: 'warning',
  unknown: 'warning',
};

/** The smallest and largest top-up (src/contracts/payments.ts MIN_TOP_UP, MAX_TOP_UP; that file holds zod). */
export const MIN_TOP_UP = 10_000;
export const MAX_TOP_UP = 100_000_000;
/** Amounts offered with one tap in the top-up form. */
export const TOP_UP_PRESETS = [50_000, 100_000, 500_000, 1_000_000] as const;
