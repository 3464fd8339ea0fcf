import {
  kindOfCode,
  ZarinpalError,
  type ZarinpalErrorKind,
  type ZarinpalOperation,
  type ZarinpalValidation,
} from './zarinpal.types';

/**
 * One JSON exchange with Zarinpal's v4 API: the POST with its headers and a timeout, and the answer
 * read into either its `data` object or a ZarinpalError. No retries here: a verify asked again is
 * harmless (101), but a request asked again makes a second session, so the caller decides.
 */

/** Largest answer read; Zarinpal's are a few hundred bytes (unVerified: 100 short entries). */
const MAX_BODY = 256 * 1024;
/** Longest vendor text kept in an error message. */
const MAX_MESSAGE = 300;

export interface ZarinpalHttp {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Never appears in an error message (the merchant id). */
  secret: string;
}

/** The answer's `data` object, with the raw text (ref_id may be longer than a safe JS number). */
export interface ZarinpalAnswer {
  data: Record<string, unknown>;
  text: string;
  status: number;
}

export async function postJson(
  http: ZarinpalHttp,
  operation: ZarinpalOperation,
  url: string,
  body: unknown,
): Promise<ZarinpalAnswer> {
  const fail = (kind: ZarinpalErrorKind, message: string, extra: Partial<ErrorExtra> = {}) =>
    new ZarinpalError({ kind, operation, message: redact(message, http.secret), ...extra });

  let status: number;
  let text: string;
  try {
    const res = await http.fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // A 3xx from the API is not Zarinpal's answer (a captive portal, a misconfigured proxy).
      redirect: 'manual',
      signal: AbortSignal.timeout(http.timeoutMs),
    });
    status = res.status;
    // The same signal bounds reading the body, so a server that stops half-way times out too.
    text = (await res.text()).slice(0, MAX_BODY);
  } catch (err) {
    throw fail('unavailable', describeFailure(err, http.timeoutMs));
  }

  const json = parseJson(text);
  const errors = vendorErrors(json);
  // Zarinpal's own refusals come as HTTP 200 or 4xx (its SDK accepts both); 5xx means it could not answer.
  if (status >= 500) {
    throw fail('unavailable', `answered HTTP ${status}${errors ? `: ${errors.code} ${errors.message}` : ''}`, {
      code: errors?.code ?? null,
      httpStatus: status,
    });
  }
  if (errors) {
    throw fail(kindOfCode(errors.code), `${errors.code} ${errors.message}`.trim(), {
      code: errors.code,
      httpStatus: status,
      validations: errors.validations.map((v) => ({ field: v.field, message: redact(v.message, http.secret) })),
    });
  }
  const data = isObject(json) && isObject(json.data) ? json.data : null;
  if (status === 429) throw fail('rate_limited', 'answered HTTP 429', { httpStatus: status });
  if (!data || status >= 300) {
    throw fail(
      status === 408 ? 'unavailable' : 'unexpected',
      `answered HTTP ${status} with ${json === undefined ? 'a body that is not JSON' : 'an unexpected body'}`,
      { httpStatus: status },
    );
  }
  return { data, text, status };
}

interface ErrorExtra {
  code: number | null;
  httpStatus: number | null;
  validations: ZarinpalValidation[];
}

interface VendorErrors {
  code: number;
  message: string;
  validations: ZarinpalValidation[];
}

/**
 * `errors` of an answer when it reports a failure: `{ code, message, validations }`. A success
 * carries `errors: []`, so an empty array or object is no error.
 */
function vendorErrors(json: unknown): VendorErrors | null {
  if (!isObject(json) || !isObject(json.errors)) return null;
  const code = toInteger(json.errors.code);
  if (code === null) return null;
  const message = typeof json.errors.message === 'string' ? clip(json.errors.message) : '';
  return { code, message, validations: readValidations(json.errors.validations) };
}

/**
 * -9 names its fields either as a list of `{ field: message }` objects or as `{ field: [messages] }`
 * (both shapes appear in answers quoted by clients); read either into one list.
 */
function readValidations(raw: unknown): ZarinpalValidation[] {
  const out: ZarinpalValidation[] = [];
  const add = (entry: Record<string, unknown>) => {
    for (const [field, value] of Object.entries(entry)) {
      const message = Array.isArray(value) ? value.map(String).join(' ') : String(value);
      out.push({ field, message: clip(message) });
    }
  };
  if (Array.isArray(raw)) for (const item of raw) if (isObject(item)) add(item);
  if (isObject(raw)) add(raw);
  return out.slice(0, 20);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A whole number, also when Zarinpal sends it as a string (unVerified's sample answers `"code": "100"`). */
export function toInteger(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

export function redact(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join('***') : text;
}

function describeFailure(err: unknown, timeoutMs: number): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // fetch's own message can quote the URL; only a system error code is kept.
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' && /^[A-Z0-9_]+$/.test(cause.code) ? ` (${cause.code})` : '';
  return `could not be reached${code}`;
}
