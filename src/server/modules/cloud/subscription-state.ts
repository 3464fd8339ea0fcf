import type { TPlatformSettings, TSubscriptionState } from '../../../contracts/cloud';

const DAY_MS = 86_400_000;

/** What the state is computed from: the subscription row and its plan (see subscription.repo.ts). */
export interface SubscriptionStateInput {
  endsAt: Date;
  suspendedAt: Date | null;
}

/** The end of the grace that follows `endsAt`. */
export function graceEndsAt(endsAt: Date, settings: Pick<TPlatformSettings, 'graceDays'>): Date {
  return new Date(endsAt.getTime() + settings.graceDays * DAY_MS);
}

/**
 * A subscription's state is computed from the clock, never stored, so that no job has to run
 * at the moment a plan ends: suspended (by the operator) wins; before `endsAt` trial (on the
 * trial plan) or active; then grace for `graceDays`; then expired.
 */
export function subscriptionState(
  row: SubscriptionStateInput,
  plan: { trial: boolean },
  settings: Pick<TPlatformSettings, 'graceDays'>,
  now: Date,
): TSubscriptionState {
  if (row.suspendedAt) return 'suspended';
  const t = now.getTime();
  if (t < row.endsAt.getTime()) return plan.trial ? 'trial' : 'active';
  if (t < graceEndsAt(row.endsAt, settings).getTime()) return 'grace';
  return 'expired';
}
