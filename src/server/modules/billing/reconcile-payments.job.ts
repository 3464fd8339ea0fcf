import { and, eq, inArray, lt, or } from 'drizzle-orm';
import { payments } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { jobCtx } from '../../platform/job-ctx';
import { verifyAndCredit } from './verify-payment';
import { zarinpalOf } from './zarinpal-of';

export const RECONCILE_PAYMENTS_QUEUE = 'billing.reconcile-payments';

/** The payer's own callback gets this long before the job steps in. */
const STALE_MS = 2 * 60_000;
/**
 * A payment still open after this long was abandoned on Zarinpal's page (or paid and missed by
 * the list): it is verified once more, and Zarinpal's final answer settles it — -51 (not paid)
 * marks it failed instead of leaving it pending in the admin's list for ever; a payment that was
 * paid after all is credited.
 */
const ABANDONED_MS = 24 * 3_600_000;
/** Short enough that a run of many verifies stays well inside the queue's expiry. */
const TIMEOUT_MS = 8_000;

/**
 * Every 10 minutes: payments whose payer never came back (browser closed after paying). Zarinpal
 * lists the paid-but-unverified ones; each of ours still open and older than two minutes that it
 * lists goes through the same verify-and-credit as the callback, and so does one still open after
 * a day (abandoned: Zarinpal's -51 marks it failed). Rows left in `verifying` (a
 * claimer that died between verify and credit) are taken too, listed or not: Zarinpal no longer
 * lists a verified payment, and a second verify answers 101, so the credit still lands once.
 */
export const reconcilePayments = (deps: AppDeps) => async () => {
  const zarinpal = zarinpalOf(deps, TIMEOUT_MS);
  if (!zarinpal) return;
  const listed = (await zarinpal.unverified()).map((u) => u.authority);
  const before = new Date(deps.clock.now().getTime() - STALE_MS);
  const abandoned = new Date(deps.clock.now().getTime() - ABANDONED_MS);
  const open = await deps.database.db
    .select()
    .from(payments)
    .where(
      and(
        lt(payments.createdAt, before),
        or(
          eq(payments.state, 'verifying'),
          listed.length ? and(eq(payments.state, 'created'), inArray(payments.authority, listed)) : undefined,
          and(eq(payments.state, 'created'), lt(payments.createdAt, abandoned)),
        ),
      ),
    )
    .orderBy(payments.createdAt)
    .limit(200);
  for (const p of open) {
    const ctx = jobCtx(deps, p.workspaceId, 'job:reconcile-payments');
    try {
      await verifyAndCredit(ctx, p, zarinpal, { takeStale: true });
    } catch (e) {
      // One payment's failure (the database, a bug) must not keep the others waiting ten minutes.
      deps.log.error({ paymentId: p.id, err: e }, 'reconcile: payment not verified');
    }
  }
};
