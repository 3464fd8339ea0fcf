import { ApiError } from '../app/api';

/** Where a workspace's plan is bought and renewed (features/billing/BillingPage.tsx). */
export const BILLING_PATH = '/admin/billing';

export interface PaymentRequired {
  code: 'limit_reached' | 'subscription_expired';
  /** The server's translated message ("the plan allows 3 agents…"). */
  message: string;
  /** The platform's own words for a read-only workspace, when it set any. */
  note: string | null;
  /** The page to upgrade or renew on (an address of this app). */
  url: string;
}

/** Only a path of this app is followed: the link never leaves the site, whatever the answer held. */
const ownPath = (v: unknown) => (typeof v === 'string' && /^\/(?!\/)/.test(v) ? v : BILLING_PATH);

/**
 * Cloud mode's 402 answers (api.md "Cloud mode"): `limit_reached` — adding one more agent,
 * customer or department goes past the plan (details { limit, max, upgradeUrl }) — and
 * `subscription_expired` — the plan and its grace ended, the workspace is read-only (details
 * { message, billingUrl }). Null for any other error.
 */
export function paymentRequiredOf(err: unknown): PaymentRequired | null {
  if (!(err instanceof ApiError) || err.status !== 402) return null;
  if (err.code !== 'limit_reached' && err.code !== 'subscription_expired') return null;
  // ApiError.details is the answer's whole `error` object; the server's details sit inside it.
  const inner = (err.details as { details?: Record<string, unknown> } | undefined)?.details ?? {};
  const note = typeof inner.message === 'string' && inner.message.trim() ? inner.message.trim() : null;
  return {
    code: err.code,
    message: err.message,
    note,
    url: ownPath(err.code === 'limit_reached' ? inner.upgradeUrl : inner.billingUrl),
  };
}
