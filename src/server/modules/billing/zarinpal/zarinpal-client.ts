/**
 * Zarinpal payment gateway, REST API v4 — our own small client.
 *
 * Read: zarinpal.com/docs/paymentGateway/connectToGateway (request, StartPay, callback, verify;
 * also https://next.zarinpal.com/paymentGateway/guide/), next.zarinpal.com/paymentGateway/other/
 * (unVerified), www.zarinpal.com/docs/paymentGateway/errorList (codes); Zarinpal's own PHP SDK
 * github.com/ZarinPal/zarinpal-php-sdk (src/Endpoint/PaymentGateway/PaymentGateway.php: paths on
 * https://payment.zarinpal.com, StartPay on the same base; src/Validator.php: authority
 * /^[AS][0-9a-zA-Z]{35}$/, merchant id a UUID, mobile 09xxxxxxxxx, currency IRR|IRT;
 * ResponseTypes/UnverifiedResponse.php) and github.com/ZarinPal/zarinpal-sdk-checklist
 * (PaymentGateway.php takes HTTP 200 and 400 as Zarinpal's answers; checklist.md: JSON accept and
 * content-type headers, timeouts); github.com/fanishah/zarinpal-pay README (answers as received:
 * -9 "The amount must be at least 1000.", verify 100 "Paid", 101 on every later verify).
 *
 * Every call: POST, headers `accept: application/json`, `content-type: application/json`, a JSON
 * body; the answer is JSON `{ data, errors }`.
 *
 * Request: POST {base}/pg/v4/payment/request.json
 *   { merchant_id (36-character UUID), amount (integer), currency? ("IRR" Rial — the default — or
 *     "IRT" Toman), description (required, at most 500 characters), callback_url,
 *     metadata?: { mobile?, email?, order_id? } }
 *   → { data: { code: 100, message: "Success", authority: "A" + 35 letters or digits (sandbox "S…"),
 *       fee_type: "Merchant" | "Payer", fee }, errors: [] }
 * StartPay: the payer's browser goes to {base}/pg/StartPay/{authority}; Zarinpal then sends it to
 *   callback_url with `?Authority={authority}&Status=OK` (paid) or `Status=NOK` (cancelled or
 *   failed). Status is only a hint: the money is ours only when verify says so.
 * Verify: POST {base}/pg/v4/payment/verify.json { merchant_id, amount (the same as requested), authority }
 *   → { data: { code: 100, message: "Paid"/"Verified", card_hash, card_pan: "502229******5995",
 *       ref_id (number), fee_type, fee }, errors: [] }; code 101 ("Verified") for every later
 *   verify of the same payment — also paid. A paid payment left unverified is returned to the payer.
 * UnVerified: POST {base}/pg/v4/payment/unVerified.json { merchant_id }
 *   → { data: { code: 100 (the docs' sample sends "100", a string), message, authorities:
 *       [{ authority, amount, callback_url, referer, date: "2020-07-01 17:33:25" }] } } — the latest
 *   100 paid payments nobody verified.
 * Errors: `{ data: [] (or {}), errors: { code, message, validations: [...] } }`, with HTTP 200 or
 *   4xx; HTTP 5xx means Zarinpal could not answer. Codes (errorList): -9 validation (merchant id,
 *   callback_url or description missing, description over 500, amount below or above the limit),
 *   -10 terminal not valid (merchant id or IP), -11 terminal not active, -12 too many attempts,
 *   -13 terminal limit reached, -14 callback domain not the terminal's, -15 suspended, -16 and -17
 *   merchant level, -30…-39 wages, -40 invalid extra params, -41 above 100,000,000 toman,
 *   -50 amount differs from the request's, -51 session not paid (cancelled, failed or not yet),
 *   -52 unexpected error at Zarinpal, -53 the session is another merchant's, -54 invalid authority,
 *   -55 manual payment request not found; 100 success, 101 already verified.
 *
 * Our use: amounts are whole Rial end to end and sent with `currency: "IRR"`; inputs are checked
 * here before any call; the merchant id never appears in an error message.
 */
import { normalizeMobile } from '../../../../contracts/mobile';
import { isObject, postJson, redact, toInteger, type ZarinpalHttp } from './zarinpal-http';
import {
  MAX_AMOUNT_RIAL,
  MAX_AMOUNT_TOMAN,
  MAX_DESCRIPTION,
  MIN_AMOUNT_RIAL,
  MIN_AMOUNT_TOMAN,
  ZARINPAL_URL,
  ZarinpalError,
  type PaymentRequested,
  type PaymentRequestInput,
  type PaymentVerified,
  type PaymentVerifyInput,
  type UnverifiedPayment,
  type ZarinpalClient,
  type ZarinpalClientOptions,
  type ZarinpalCurrency,
  type ZarinpalErrorKind,
  type ZarinpalOperation,
} from './zarinpal.types';

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Letters and digits only: what goes into a URL path and a verify body (Zarinpal's are 36 long). */
const AUTHORITY = /^[A-Za-z0-9]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createZarinpalClient(options: ZarinpalClientOptions): ZarinpalClient {
  const base = checkedBase(options.baseUrl ?? ZARINPAL_URL);
  const merchantId = typeof options.merchantId === 'string' ? options.merchantId.trim() : '';
  if (!merchantId) throw new Error('Zarinpal: the merchant id is missing');
  const http: ZarinpalHttp = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    secret: merchantId,
  };
  const api = (path: string) => `${base}/pg/v4/payment/${path}`;
  const paymentUrl = (authority: string) => `${base}/pg/StartPay/${encodeURIComponent(authority)}`;

  return {
    paymentUrl,

    async requestPayment(input) {
      const op = 'request';
      const currency = checkedCurrency(op, input.currency);
      const body = {
        merchant_id: merchantId,
        amount: checkedAmount(op, input.amount, currency),
        currency,
        callback_url: checkedCallback(op, input.callbackUrl),
        description: checkedDescription(op, input.description),
        ...metadata(op, input),
      };
      const { data } = await postJson(http, op, api('request.json'), body);
      const code = toInteger(data.code);
      const authority = typeof data.authority === 'string' ? data.authority : '';
      if (code !== 100 || !AUTHORITY.test(authority)) {
        throw unexpected(op, `answered code ${String(code)} ${describe(data.message, http.secret)}`);
      }
      const result: PaymentRequested = {
        authority,
        fee: toInteger(data.fee) ?? 0,
        feeType: typeof data.fee_type === 'string' ? data.fee_type : null,
        paymentUrl: paymentUrl(authority),
      };
      return result;
    },

    async verifyPayment(input: PaymentVerifyInput): Promise<PaymentVerified> {
      const op = 'verify';
      const body = {
        merchant_id: merchantId,
        // The currency is the session's own; ours only sets the bounds checked here.
        amount: checkedAmount(op, input.amount, checkedCurrency(op, input.currency)),
        authority: checkedAuthority(op, input.authority),
      };
      const { data, text } = await postJson(http, op, api('verify.json'), body);
      const code = toInteger(data.code);
      if (code !== 100 && code !== 101) {
        throw unexpected(op, `answered code ${String(code)} ${describe(data.message, http.secret)}`);
      }
      return {
        status: code === 100 ? 'paid' : 'already_verified',
        refId: refIdOf(data.ref_id, text),
        cardPan: typeof data.card_pan === 'string' && data.card_pan ? data.card_pan : null,
        cardHash: typeof data.card_hash === 'string' && data.card_hash ? data.card_hash : null,
        fee: toInteger(data.fee),
      };
    },

    async unverified(): Promise<UnverifiedPayment[]> {
      const op = 'unverified';
      const { data } = await postJson(http, op, api('unVerified.json'), { merchant_id: merchantId });
      const code = toInteger(data.code);
      if (code !== 100) throw unexpected(op, `answered code ${String(code)} ${describe(data.message, http.secret)}`);
      const list = Array.isArray(data.authorities) ? data.authorities : [];
      const out: UnverifiedPayment[] = [];
      for (const entry of list) {
        if (!isObject(entry)) continue;
        const authority = typeof entry.authority === 'string' ? entry.authority : '';
        const amount = toInteger(entry.amount);
        // An entry we could not verify anyway (no authority or amount) is of no use to the reconcile job.
        if (!AUTHORITY.test(authority) || amount === null) continue;
        out.push({
          authority,
          amount,
          callbackUrl: typeof entry.callback_url === 'string' ? entry.callback_url : '',
          date: typeof entry.date === 'string' ? entry.date : '',
        });
      }
      return out;
    },
  };
}

function checkedBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Zarinpal: the base address is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error('Zarinpal: the base address must be http(s)');
  }
  return url.replace(/\/+$/, '');
}

function refused(op: ZarinpalOperation, message: string, kind: ZarinpalErrorKind = 'invalid_request') {
  return new ZarinpalError({ kind, operation: op, message });
}

function unexpected(op: ZarinpalOperation, message: string) {
  return new ZarinpalError({ kind: 'unexpected', operation: op, message: message.trim() });
}

function checkedCurrency(op: ZarinpalOperation, currency: unknown): ZarinpalCurrency {
  if (currency === undefined || currency === 'IRR') return 'IRR';
  if (currency === 'IRT') return 'IRT';
  throw refused(op, 'the currency must be IRR or IRT');
}

/** A whole amount within Zarinpal's limits in its currency, refused here so a wrong amount never reaches the gateway. */
function checkedAmount(op: ZarinpalOperation, amount: unknown, currency: ZarinpalCurrency): number {
  const unit = currency === 'IRT' ? 'Toman' : 'Rial';
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw refused(op, `the amount must be a whole number of ${unit}`);
  }
  const min = currency === 'IRT' ? MIN_AMOUNT_TOMAN : MIN_AMOUNT_RIAL;
  const max = currency === 'IRT' ? MAX_AMOUNT_TOMAN : MAX_AMOUNT_RIAL;
  if (amount < min) throw refused(op, `the amount must be at least ${min} ${unit}`);
  if (amount > max) throw refused(op, `the amount must be at most ${max} ${unit}`);
  return amount;
}

function checkedCallback(op: ZarinpalOperation, url: unknown): string {
  let parsed: URL | null = null;
  try {
    parsed = typeof url === 'string' ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw refused(op, 'the callback address must be an http(s) URL');
  }
  return url as string;
}

function checkedDescription(op: ZarinpalOperation, text: unknown): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!trimmed) throw refused(op, 'the description is required');
  if ([...trimmed].length > MAX_DESCRIPTION) {
    throw refused(op, `the description must be at most ${MAX_DESCRIPTION} characters`);
  }
  return trimmed;
}

function checkedAuthority(op: ZarinpalOperation, authority: unknown): string {
  // The authority comes from the callback's query string: junk never goes into a request.
  if (typeof authority !== 'string' || !AUTHORITY.test(authority)) {
    throw refused(op, 'the authority is malformed', 'unknown_authority');
  }
  return authority;
}

/** `metadata` with only the fields given; left out entirely when there are none. */
function metadata(op: ZarinpalOperation, input: PaymentRequestInput): { metadata?: Record<string, string> } {
  const out: Record<string, string> = {};
  if (input.mobile !== undefined) {
    const mobile = normalizeMobile(input.mobile);
    if (!mobile) throw refused(op, 'the mobile is not an Iranian mobile number');
    out.mobile = mobile;
  }
  if (input.email !== undefined) {
    const email = input.email.trim();
    if (email.length > 254 || !EMAIL.test(email)) throw refused(op, 'the e-mail address is malformed');
    out.email = email;
  }
  if (input.orderId !== undefined) {
    if (!input.orderId || input.orderId.length > 100) throw refused(op, 'the order id must be 1 to 100 characters');
    out.order_id = input.orderId;
  }
  return Object.keys(out).length ? { metadata: out } : {};
}

/** ref_id as digits; taken from the raw text when JSON.parse could not keep it exact. */
function refIdOf(value: unknown, text: string): string | null {
  if (typeof value === 'string' && /^\d{1,40}$/.test(value)) return value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  if (Number.isSafeInteger(value)) return String(value);
  const raw = /"ref_id"\s*:\s*(\d{1,40})/.exec(text);
  return raw ? raw[1] : null;
}

function describe(message: unknown, secret: string): string {
  return typeof message === 'string' ? redact(message.slice(0, 300), secret) : '';
}
