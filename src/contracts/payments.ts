import { z } from 'zod';
import { ZPage, ZPageQuery } from './common';

/** Online payments (issue 19). Amounts are whole toman (IRT), as in the SMS credit ledger. */
export const MIN_TOP_UP = 10_000;
/** Zarinpal's own ceiling for one payment (100,000,000 toman). */
export const MAX_TOP_UP = 100_000_000;

export const ZTopUp = z.object({
  amount: z.number().int().min(MIN_TOP_UP).max(MAX_TOP_UP),
});
export type TTopUp = z.infer<typeof ZTopUp>;

export const ZTopUpStarted = z.object({
  /** Zarinpal's payment page: the browser goes there. */
  paymentUrl: z.string(),
});
export type TTopUpStarted = z.infer<typeof ZTopUpStarted>;

export const ZPaymentState = z.enum(['created', 'verifying', 'paid', 'failed', 'cancelled']);
export type TPaymentState = z.infer<typeof ZPaymentState>;

export const ZPayment = z.object({
  id: z.string(),
  purpose: z.enum(['credit', 'subscription']),
  amount: z.number().int(),
  state: ZPaymentState,
  /** Zarinpal's reference number, once paid (what the payer's bank statement shows). */
  refId: z.string().nullable(),
  /** Masked card number, once paid. */
  cardPan: z.string().nullable(),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
});
export type TPayment = z.infer<typeof ZPayment>;

export const ZPaymentsQuery = ZPageQuery;
export const ZPayments = ZPage(ZPayment);

/**
 * What Zarinpal adds to the callback address. Lenient on purpose: the payer's browser brings it,
 * and anything malformed is answered with a redirect (payment=unknown), never a 400 page.
 */
export const ZZarinpalCallback = z.object({
  Authority: z.string().max(200).default(''),
  Status: z.string().max(20).default(''),
});
export type TZarinpalCallback = z.infer<typeof ZZarinpalCallback>;

/** Where the callback sends the browser: `/admin/billing?payment=<outcome>`. */
export type TPaymentOutcome = 'ok' | 'failed' | 'pending' | 'cancelled' | 'unknown';
