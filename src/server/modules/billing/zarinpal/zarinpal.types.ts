/**
 * What the Zarinpal client takes and gives back, and its one error type. The protocol itself, with
 * the addresses it was learned from, is described at the top of zarinpal-client.ts.
 */

/** Zarinpal's production gateway; `ZARINPAL_URL` replaces it (tests point it at the local fake). */
export const ZARINPAL_URL = 'https://payment.zarinpal.com';

/**
 * Smallest payment Zarinpal takes, in Rial: below it request.json answers -9 "The amount must be at
 * least 1000." (the currency defaults to IRR).
 */
export const MIN_AMOUNT_RIAL = 1_000;

/** Largest payment, in Rial: -41 "Maximum amount is 100,000,000 tomans." */
export const MAX_AMOUNT_RIAL = 1_000_000_000;

/** The same limits in Toman, for requests sent with `currency: 'IRT'` (1 Toman = 10 Rial). */
export const MIN_AMOUNT_TOMAN = MIN_AMOUNT_RIAL / 10;
export const MAX_AMOUNT_TOMAN = MAX_AMOUNT_RIAL / 10;

/** IRR: Rial (Zarinpal's default); IRT: Toman. The amount of a request and of its verify are in it. */
export type ZarinpalCurrency = 'IRR' | 'IRT';

/** request.json refuses a longer description (-9, error list on zarinpal.com). */
export const MAX_DESCRIPTION = 500;

export interface ZarinpalClientOptions {
  /** Scheme and host of the gateway, without a path; ZARINPAL_URL by default. */
  baseUrl?: string;
  merchantId: string;
  /** Longest wait for one answer, body included. */
  timeoutMs?: number;
  /** For tests: the fetch to use (global fetch otherwise). */
  fetch?: typeof fetch;
}

export interface PaymentRequestInput {
  /** Whole Rial (at least MIN_AMOUNT_RIAL), or whole Toman with `currency: 'IRT'` (at least MIN_AMOUNT_TOMAN). */
  amount: number;
  /** IRR by default. Verify later with the amount in the same unit. */
  currency?: ZarinpalCurrency;
  /** Where Zarinpal sends the payer back, with `?Authority=…&Status=OK|NOK` added. */
  callbackUrl: string;
  description: string;
  /** The payer's mobile, shown pre-filled on the payment page; any Iranian form, sent as 09xxxxxxxxx. */
  mobile?: string;
  email?: string;
  /** Our own reference for the payment, kept by Zarinpal in the session's metadata. */
  orderId?: string;
}

export interface PaymentRequested {
  authority: string;
  /** Zarinpal's fee for this payment, as it answered it (Rial). */
  fee: number;
  /** Who pays the fee: "Merchant" or "Payer", as Zarinpal answered it; null when it did not say. */
  feeType: string | null;
  /** The StartPay page the payer's browser goes to. */
  paymentUrl: string;
}

export interface PaymentVerifyInput {
  /** The same amount, in the same currency, as requested: any other amount is -50. */
  amount: number;
  authority: string;
  /** The request's currency (IRR by default); not sent — Zarinpal keeps it — but it sets the bounds checked. */
  currency?: ZarinpalCurrency;
}

export interface PaymentVerified {
  /** 100: verified now; 101: verified before. Both mean the money was received. */
  status: 'paid' | 'already_verified';
  /** The payment's reference number at Zarinpal (shown to the payer); null only if it was left out. */
  refId: string | null;
  /** Masked card number, e.g. 502229******5995. */
  cardPan: string | null;
  /** Zarinpal's hash of the card number. */
  cardHash: string | null;
  fee: number | null;
}

export interface UnverifiedPayment {
  authority: string;
  /** As requested (Rial for our payments). */
  amount: number;
  callbackUrl: string;
  /** Zarinpal's own text, "YYYY-MM-DD HH:mm:ss" without a time zone (Tehran time). */
  date: string;
}

export interface ZarinpalClient {
  requestPayment(input: PaymentRequestInput): Promise<PaymentRequested>;
  verifyPayment(input: PaymentVerifyInput): Promise<PaymentVerified>;
  /** Paid payments nobody verified yet (Zarinpal lists the latest 100), for the reconcile job. */
  unverified(): Promise<UnverifiedPayment[]>;
  /** The StartPay address of an authority. */
  paymentUrl(authority: string): string;
}

/**
 * - invalid_request: our input was refused (-9 and the other validation codes, or our own checks);
 * - merchant: the merchant account or its terminal (-10 wrong id or IP, -11 inactive, -13…-17);
 * - amount_mismatch: verify with another amount than requested (-50);
 * - not_paid: cancelled, failed or not yet paid (-51);
 * - unknown_authority: no such session, or not this merchant's (-53, -54, -55);
 * - rate_limited: too many attempts (-12, HTTP 429);
 * - unavailable: no answer, a timeout, a network error or an HTTP 5xx;
 * - unexpected: any other answer (an unknown code, a body that is not Zarinpal's).
 */
export type ZarinpalErrorKind =
  | 'invalid_request'
  | 'merchant'
  | 'amount_mismatch'
  | 'not_paid'
  | 'unknown_authority'
  | 'rate_limited'
  | 'unavailable'
  | 'unexpected';

export type ZarinpalOperation = 'request' | 'verify' | 'unverified';

export interface ZarinpalValidation {
  field: string;
  message: string;
}

/** Every failure of the client. Its message never holds the merchant id. */
export class ZarinpalError extends Error {
  readonly kind: ZarinpalErrorKind;
  readonly operation: ZarinpalOperation;
  /** Zarinpal's own code (-9, -51, …); null when the failure is not an answer of Zarinpal's. */
  readonly code: number | null;
  /** The HTTP status of the answer; null when there was none (refused before calling, no answer). */
  readonly httpStatus: number | null;
  /** The fields -9 names, as Zarinpal described them. */
  readonly validations: ZarinpalValidation[];

  constructor(init: {
    kind: ZarinpalErrorKind;
    operation: ZarinpalOperation;
    message: string;
    code?: number | null;
    httpStatus?: number | null;
    validations?: ZarinpalValidation[];
  }) {
    super(`Zarinpal ${init.operation}: ${init.message}`);
    this.name = 'ZarinpalError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.code = init.code ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.validations = init.validations ?? [];
  }

  /** Worth asking again later: Zarinpal did not answer, or asked us to slow down. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate_limited';
  }
}

const KIND_BY_CODE: Record<number, ZarinpalErrorKind> = {
  [-9]: 'invalid_request',
  [-10]: 'merchant',
  [-11]: 'merchant',
  [-12]: 'rate_limited',
  [-13]: 'merchant', // the terminal's transaction limit
  [-14]: 'merchant', // callback domain is not the terminal's registered domain
  [-15]: 'merchant', // suspended
  [-16]: 'merchant', // merchant level too low
  [-17]: 'merchant', // blue-level restriction
  [-40]: 'invalid_request', // invalid extra parameters
  [-41]: 'invalid_request', // above the maximum amount
  [-50]: 'amount_mismatch',
  [-51]: 'not_paid',
  [-53]: 'unknown_authority', // the session is another merchant's
  [-54]: 'unknown_authority',
  [-55]: 'unknown_authority', // manual payment request not found
};

/** The kind of a code Zarinpal answered; -30…-39 are wage (split payment) validations. */
export function kindOfCode(code: number): ZarinpalErrorKind {
  if (code <= -30 && code >= -39) return 'invalid_request';
  return KIND_BY_CODE[code] ?? 'unexpected';
}
