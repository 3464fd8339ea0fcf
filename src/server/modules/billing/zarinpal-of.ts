import type { AppDeps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { createZarinpalClient, type ZarinpalClient } from './zarinpal';

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
