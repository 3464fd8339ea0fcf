/**
 * Kavenegar REST API v1.
 *
 * Read: https://kavenegar.com/rest.html (general answer shape); SDKs kavenegar/kavenegar-php
 * src/KavenegarApi.php (form-encoded POST to https://api.kavenegar.com/v1/{API-KEY}/{base}/{method}.json,
 * `return.status != 200` is an ApiException), kavenegar/kavenegar-go client.go (a non-200 HTTP status
 * carries `{ return: { status, message } }`), message_status.go and enums/message/status/type.go,
 * kavenegar/kavenegar-dotnet Models/SendResult.cs and Models/Enums/MessageStatus.cs.
 *
 * Send:   POST {base}/{API-KEY}/sms/send.json, application/x-www-form-urlencoded:
 *         receptor=09xxxxxxxxx, message=…, sender=… (optional: the account's default line otherwise)
 *   → 200 { return: { status: 200, message: "تایید شد" },
 *           entries: [{ messageid, message, status, statustext, sender, receptor, date, cost }] }
 *   → error: HTTP status = return.status, { return: { status, message }, entries: null }
 * Status: POST {base}/{API-KEY}/sms/status.json, messageid=id1,id2,… (comma separated, batch)
 *   → 200 { return: {…}, entries: [{ messageid, status, statustext }] }
 *
 * return.status codes (kavenegar.com/rest.html error table, as the SDKs quote it): 400 incomplete
 * parameters, 401 account disabled, 402 operation failed, 403 invalid API key, 404 unknown method,
 * 405 GET/POST wrong, 406 required parameter empty, 407 no access (IP not registered),
 * 409 server cannot answer, try later, 411 invalid receptor, 412 invalid sender, 413 message empty
 * or too long, 414 request too large, 416 source IP does not match settings, 417 bad date,
 * 418 credit insufficient, 422 invalid characters, 426 needs advanced service, 427 line needs
 * special access, 429 IP limited, 451 too many calls, 501 a test account only sends to its owner.
 *
 * Entry status (delivery): 1 queued, 2 scheduled, 4 and 5 sent to the operator, 6 send error,
 * 10 delivered, 11 undelivered, 13 cancelled, 14 blocked (blacklist), 100 unknown message id.
 */
import { chunks, formPost, trimBase, vendorApi, type SmsHttpOptions, type VendorAnswer } from './http';
import type { SmsClient, SmsErrorCode, SmsVendorStatus } from './types';

export const KAVENEGAR_URL = 'https://api.kavenegar.com/v1';

const ERRORS: Record<number, SmsErrorCode> = {
  401: 'invalid_key', // account disabled
  403: 'invalid_key',
  407: 'invalid_key', // API access from this address not allowed
  416: 'invalid_key',
  418: 'no_vendor_credit',
  411: 'invalid_number',
  412: 'invalid_sender',
  427: 'invalid_sender',
};
/** Documented "try later" answers: not retried here, but the job may try again. */
const BUSY = new Set([409, 429, 451]);
const KNOWN = new Set([400, 402, 404, 405, 406, 413, 414, 415, 417, 419, 420, 422, 424, 426, 428, 431, 432, 501]);

const DELIVERY: Record<number, SmsVendorStatus> = {
  1: 'pending',
  2: 'pending',
  4: 'pending',
  5: 'pending',
  6: 'failed',
  10: 'delivered',
  11: 'failed',
  13: 'failed',
  14: 'failed',
};

interface KavenegarBody {
  return: { status: number; message: string };
  entries: unknown;
}

function body(answer: VendorAnswer): KavenegarBody | null {
  const j = answer.json as Partial<KavenegarBody> | undefined;
  return j && typeof j.return?.status === 'number' ? (j as KavenegarBody) : null;
}

/** A 5xx is worth another try unless it is one of Kavenegar's own documented answers (501). */
function transient(answer: VendorAnswer) {
  const b = body(answer);
  return answer.status >= 500 && !(b && (ERRORS[b.return.status] || KNOWN.has(b.return.status)));
}

export function kavenegarClient(apiKey: string, sender: string, baseUrl: string, http: SmsHttpOptions): SmsClient {
  const base = `${trimBase(baseUrl)}/${encodeURIComponent(apiKey)}/sms`;
  const api = vendorApi('Kavenegar', http, body, transient);

  return {
    provider: 'kavenegar',
    async send(to, text) {
      const form: Record<string, string> = { receptor: to, message: text };
      if (sender) form.sender = sender;
      return api.send(formPost(`${base}/send.json`, form), (b) => {
        const { status, message } = b.return;
        if (status === 200) {
          const entry = Array.isArray(b.entries) ? (b.entries[0] as { messageid?: unknown } | undefined) : undefined;
          return { ok: true, providerRef: entry?.messageid != null ? String(entry.messageid) : null };
        }
        if (BUSY.has(status)) return api.refused('unavailable', `${status}: ${message}`, true);
        return api.refused(ERRORS[status] ?? 'rejected', `${status}: ${message}`);
      });
    },

    async status(refs) {
      const out = new Map<string, SmsVendorStatus>();
      for (const batch of chunks(refs, 500)) {
        const b = await api.ask(formPost(`${base}/status.json`, { messageid: batch.join(',') }));
        if (b.return.status !== 200)
          throw api.statusRefused(ERRORS[b.return.status] ?? 'rejected', `${b.return.status}: ${b.return.message}`);
        for (const e of Array.isArray(b.entries) ? b.entries : []) {
          const { messageid, status } = e as { messageid?: unknown; status?: unknown };
          const mapped = typeof status === 'number' ? DELIVERY[status] : undefined;
          if (messageid != null && mapped) out.set(String(messageid), mapped);
        }
      }
      return out;
    },
  };
}
