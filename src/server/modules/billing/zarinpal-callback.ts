import { and, eq } from 'drizzle-orm';
import type { TPaymentOutcome, TZarinpalCallback } from '../../../contracts/payments';
import { payments, workspaces } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { outcomeOf, verifyAndCredit, type PaymentRow } from './verify-payment';
import { zarinpalOf } from './zarinpal-of';

/**
 * `GET /billing/callback/zarinpal`: the payer's browser back from Zarinpal. Public (the session
 * may have ended while paying), so nothing here trusts the query: `Status` only decides whether
 * to try a verify, and the money counts only when Zarinpal's verify says so. The payment is
 * looked up in the request's workspace; an unknown authority, or another workspace's, is
 * answered `unknown`. Every outcome is a redirect, never an error page.
 *
 * Cloud mode: the payer comes back to PUBLIC_URL, outside any workspace (the route is a platform
 * one, `ctx.workspaceId` is 0). The authority is unique and Zarinpal's own, so it names the
 * payment and with it the workspace the rest acts in; `slug` tells the route where to redirect.
 */
export async function zarinpalCallback({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: TZarinpalCallback;
}): Promise<{ outcome: TPaymentOutcome; slug: string | null }> {
  const authority = input.Authority.trim();
  if (!authority) return { outcome: 'unknown', slug: null };
  const anywhere = ctx.deps.config.cloud.enabled && ctx.workspaceId === 0;
  const [payment] = await ctx.db
    .select()
    .from(payments)
    .where(
      anywhere
        ? eq(payments.authority, authority)
        : and(eq(payments.workspaceId, ctx.workspaceId), eq(payments.authority, authority)),
    );
  if (!payment) return { outcome: 'unknown', slug: null };
  let slug: string | null = null;
  if (anywhere) {
    ctx = { ...ctx, workspaceId: payment.workspaceId };
    const [ws] = await ctx.db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(eq(workspaces.id, payment.workspaceId));
    slug = ws?.slug ?? null;
  }
  return { outcome: await settle(ctx, payment, input), slug };
}

async function settle(ctx: Ctx, payment: PaymentRow, input: TZarinpalCallback): Promise<TPaymentOutcome> {
  if (input.Status !== 'OK') {
    // Cancelled on Zarinpal's page (NOK, or anything else): only a payment nobody verified yet.
    const [cancelled] = await ctx.db
      .update(payments)
      .set({ state: 'cancelled' })
      .where(and(eq(payments.id, payment.id), eq(payments.state, 'created')))
      .returning({ id: payments.id });
    return cancelled ? 'cancelled' : outcomeOf(payment.state);
  }
  const zarinpal = zarinpalOf(ctx.deps);
  // Payment switched off since the session opened: the reconcile job will verify it once it is back on.
  if (!zarinpal) return 'pending';
  try {
    return await verifyAndCredit(ctx, payment, zarinpal);
  } catch (e) {
    // A bug or the database: the row went back to `created` (or stays `verifying`) for the job.
    ctx.deps.log.error({ reqId: ctx.requestId, paymentId: payment.id, err: e }, 'payment callback failed');
    return 'pending';
  }
}
