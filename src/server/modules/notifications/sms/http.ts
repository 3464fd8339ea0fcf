import { normalizeMobile } from '../../../../contracts/mobile';
import type { SmsErrorCode, SmsSendResult } from './types';

/**
 * What every vendor client shares: one HTTP exchange with a timeout, retried only when the
 * vendor could not answer (timeout, network error, 5xx that is not the vendor's own answer),
 * and failures described without the request URL — Kavenegar's API key is part of its path.
 */

export interface SmsHttpOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Further tries after the first, for timeouts and 5xx only. */
  retries: number;
  /** Pause before the first retry; doubled for each one after. */
  retryDelayMs: number;
  /** Strings that must never appear in a message (API key, password). */
  secrets: string[];
}

export interface VendorAnswer {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export type VendorCall =
  { ok: true; answer: VendorAnswer } | { ok: false; code: 'timeout' | 'unavailable'; message: string };

export interface VendorRequest {
  url: string;
  init: RequestInit;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_DELAY_MS = 500;

/** Largest body read from a vendor; their answers are a few hundred bytes. */
const MAX_BODY = 256 * 1024;

/**
 * Calls the vendor up to 1 + retries times. `transient` decides which answers are worth another
 * try (default: any 5xx); everything else is handed back for the vendor's own interpretation.
 */
export async function callVendor(
  vendor: string,
  opts: SmsHttpOptions,
  request: VendorRequest,
  transient: (answer: VendorAnswer) => boolean = (a) => a.status >= 500,
): Promise<VendorCall> {
  let failure: VendorCall & { ok: false } = { ok: false, code: 'unavailable', message: `${vendor}: no answer` };
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (attempt > 0) await sleep(opts.retryDelayMs * 2 ** (attempt - 1));
    try {
      const res = await opts.fetch(request.url, { ...request.init, signal: AbortSignal.timeout(opts.timeoutMs) });
      const text = await readBody(res);
      const answer: VendorAnswer = { status: res.status, text, json: parseJson(text) };
      if (!transient(answer)) return { ok: true, answer };
      failure = { ok: false, code: 'unavailable', message: `${vendor} answered HTTP ${res.status}` };
    } catch (err) {
      failure = describeFailure(vendor, err, opts.timeoutMs);
    }
  }
  return failure;
}

/** A form-encoded POST that asks for JSON back (Kavenegar, Melipayamak). */
export function formPost(url: string, form: Record<string, string>): VendorRequest {
  return {
    url,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    },
  };
}

/** A JSON POST with the vendor's own headers (SMS.ir, Ghasedak). */
export function jsonPost(url: string, headers: Record<string, string>, body: unknown): VendorRequest {
  return {
    url,
    init: { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) },
  };
}

/**
 * One vendor as its client talks to it: each call goes through callVendor, and `parse` reads the
 * answer in the vendor's format (null when it is not: a proxy's error page, an empty body).
 * `send` hands a parsed answer to the vendor's `judge` and turns every other outcome into a failed
 * send; `ask` (for status()) returns the parsed answer or throws SmsStatusError. `refused` and
 * `statusRefused` are the module's own, with the account's secrets already given.
 */
export function vendorApi<T>(
  vendor: string,
  opts: SmsHttpOptions,
  parse: (answer: VendorAnswer) => T | null,
  transient?: (answer: VendorAnswer) => boolean,
) {
  return {
    async send(
      request: VendorRequest,
      judge: (body: T, answer: VendorAnswer) => SmsSendResult,
    ): Promise<SmsSendResult> {
      const call = await callVendor(vendor, opts, request, transient);
      if (!call.ok) return unreachable(call);
      const body = parse(call.answer);
      return body ? judge(body, call.answer) : notVendorAnswer(vendor, call.answer);
    },
    async ask(request: VendorRequest): Promise<T> {
      const call = await callVendor(vendor, opts, request, transient);
      if (!call.ok) throw statusFailure(call);
      const body = parse(call.answer);
      if (!body) throw statusRefused('unavailable', `${vendor} answered HTTP ${call.answer.status}`, opts.secrets);
      return body;
    },
    refused: (code: SmsErrorCode, message: string, retryable = false) =>
      refused(code, message, opts.secrets, retryable),
    statusRefused: (code: SmsErrorCode, message: string) => statusRefused(code, message, opts.secrets),
  };
}

/** A failed send, with secrets removed from the vendor's words. */
export function refused(
  code: SmsErrorCode,
  message: string,
  secrets: string[],
  retryable = false,
): SmsSendResult & { ok: false } {
  return { ok: false, code, retryable, message: redact(message, secrets) };
}

/** A transport failure (after the retries) as a send result: the job above tries again later. */
export function unreachable(call: VendorCall & { ok: false }): SmsSendResult & { ok: false } {
  return { ok: false, code: call.code, retryable: true, message: call.message };
}

/** An answer that is not in the vendor's format (a proxy's error page, an empty body). */
export function notVendorAnswer(vendor: string, answer: VendorAnswer): SmsSendResult & { ok: false } {
  return {
    ok: false,
    code: 'unavailable',
    retryable: answer.status >= 500,
    message: `${vendor} answered HTTP ${answer.status} with an unexpected body`,
  };
}

/** The 09xxxxxxxxx form, or null when the number is not an Iranian mobile. */
export function checkedMobile(to: string): string | null {
  return normalizeMobile(to);
}

export function invalidNumber(to: string): SmsSendResult & { ok: false } {
  // Only the shape is echoed, never the digits: the deliveries log is not a phone book.
  return {
    ok: false,
    code: 'invalid_number',
    retryable: false,
    message: `not an Iranian mobile number (${to.length} characters)`,
  };
}

/** Thrown by status() when the vendor cannot be asked; never carries a URL or a secret. */
export class SmsStatusError extends Error {
  constructor(
    readonly code: SmsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SmsStatusError';
  }
}

export function statusFailure(call: VendorCall & { ok: false }): SmsStatusError {
  return new SmsStatusError(call.code, call.message);
}

/** status() could not be answered because the vendor refused the question (key, credit …). */
export function statusRefused(code: SmsErrorCode, message: string, secrets: string[]): SmsStatusError {
  return new SmsStatusError(code, redact(message, secrets));
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}

export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Splits refs into batches of at most n. */
export function chunks<T>(items: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

function describeFailure(vendor: string, err: unknown, timeoutMs: number): VendorCall & { ok: false } {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return { ok: false, code: 'timeout', message: `${vendor} did not answer within ${timeoutMs} ms` };
  // fetch's own message can quote the URL (and with it Kavenegar's key): only a system code is kept.
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && /^[A-Z0-9_]+$/.test(cause.code) ? ` (${cause.code})` : '';
  return { ok: false, code: 'unavailable', message: `could not reach ${vendor}${code}` };
}

async function readBody(res: Response): Promise<string> {
  const text = await res.text();
  return text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
