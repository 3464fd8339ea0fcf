import type { AppDeps, Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { createZarinpalClient, ZarinpalError, type PaymentRequested, type ZarinpalClient } from './zarinpal';

/** Where Zarinpal sends the payer back (the host is PUBLIC_URL's; the route is public). */
export const CALLBACK_PATH = '/api/v1/billing/callback/zarinpal';

/**
 * The Zarinpal client of the platform's merchant, or null when ZARINPAL_MERCHANT_ID is not set
 * (online payment off). Made per use: it holds nothing but the settings.
 */
export function zarinpalOf(deps: AppDeps, timeoutMs?: number): ZarinpalClient | null {
  const { url, merchantId } = deps.config.zarinpal;
  if (!merchantId) return null;
  return createZarinpalClient({ baseUrl: url, merchantId, timeoutMs });
}

/** The client, or a clear 400 saying online payment is not set up on this server. */
export function requireZarinpal(deps: AppDeps): ZarinpalClient {
  const client = zarinpalOf(deps);
  if (!client) throw new AppError('invalid', { key: 'errors.payments_not_set_up' });
  return client;
}

/**
 * Opens a payment session at Zarinpal for `amount` toman (asked in IRT, the ledger's unit),
 * returning to the callback. A refusal or no answer is a clear 400, logged with Zarinpal's kind
 * and code (the client's message never holds the merchant id, so it may be logged as it is).
 */
export async function startZarinpalPayment(ctx: Ctx, amount: number, description: string): Promise<PaymentRequested> {
  const zarinpal = requireZarinpal(ctx.deps);
  try {
    return await zarinpal.requestPayment({
      amount,
      currency: 'IRT',
      callbackUrl: `${ctx.deps.config.publicUrl}${CALLBACK_PATH}`,
      description,
    });
  } catch (e) {
    if (!(e instanceof ZarinpalError)) throw e;
    ctx.deps.log.warn({ reqId: ctx.requestId, kind: e.kind, code: e.code }, e.message);
    throw new AppError('invalid', { key: 'errors.payment_gateway_failed' });
  }
}
