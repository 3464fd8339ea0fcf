/**
 * SMS.ir REST API v1 (the "new SMSPanel" API at api.sms.ir).
 *
 * Read: https://sms.ir/developer-web-service/rest-api/ (X-API-KEY and ACCEPT headers; HTTP 200 ok,
 * 400 logical error, 401 authentication, 429 too many requests, 500 unexpected; every answer is
 * `{ status, message, data }`, status 1 = success); the vendor's SDK IPeCompany/smsir-php
 * src/SmsIr.php (POST send/bulk with JSON lineNumber/messageText/mobiles/sendDateTime,
 * GET send/{messageId}; 400 answers carry the same envelope); darinehgroup/sms-ir-sdk-go DESIGN.md,
 * errors.go and types.go (status table, deliveryState values, sample answers).
 *
 * Send:   POST {base}/send/bulk, X-API-KEY: <key>, JSON
 *         { lineNumber: 30004505000017, messageText: "…", mobiles: ["9121234567"], sendDateTime: null }
 *   → 200 { status: 1, message: "موفق", data: { packId: "<guid>", messageIds: [86522023], cost: 1.0 } }
 *   → 400/401/429 { status: <code>, message: "…", data: null }
 * Status: GET {base}/send/{messageId} (one message per call; no batch by message id)
 *   → 200 { status: 1, data: { messageId, mobile, messageText, sendDateTime, lineNumber, cost,
 *                              deliveryState: 1…8 | null, deliveryDateTime } }
 *   → 400 { status: 111, … } when no message has that id.
 *
 * status codes: 0 failed, 1 success, 10 invalid key, 11 key disabled, 12 key limited to other
 * IPs, 13 account disabled, 14 account suspended, 15 plan must be upgraded, 16 invalid parameter,
 * 20 too many requests, 101 invalid line number, 102 credit insufficient, 103 empty text,
 * 104 invalid mobile(s), 105/106 more than 100 mobiles/texts, 107/108 empty lists, 109 bad send
 * time, 111 no send with this id, 115 mobile in the blacklist, 117 text not approved, 118 too many
 * messages, 123 line needs activation.
 * deliveryState: 1 delivered, 2 not delivered to the handset, 3 reached the telecom, 4 did not
 * reach the telecom, 5 reached the operator, 6 failed, 7 blacklisted, 8 unknown; null before a report.
 *
 * Mobiles are sent as 9xxxxxxxxx, the form of the documentation's examples (it also accepts 09…).
 */
import { jsonPost, trimBase, vendorApi, type SmsHttpOptions, type VendorAnswer } from './http';
import type { SmsClient, SmsErrorCode, SmsVendorStatus } from './types';

export const SMSIR_URL = 'https://api.sms.ir/v1';

const ERRORS: Record<number, SmsErrorCode> = {
  10: 'invalid_key',
  11: 'invalid_key',
  12: 'invalid_key',
  13: 'invalid_key',
  14: 'invalid_key',
  15: 'invalid_key',
  101: 'invalid_sender',
  123: 'invalid_sender',
  102: 'no_vendor_credit',
  104: 'invalid_number',
};
const NOT_FOUND = 111;
const RATE_LIMITED = 20;

const DELIVERY: Record<number, SmsVendorStatus> = {
  1: 'delivered',
  2: 'failed',
  3: 'pending',
  4: 'failed',
  5: 'pending',
  6: 'failed',
  7: 'failed',
  8: 'pending',
};

interface Envelope {
  status: number;
  message: string;
  data: unknown;
}

function envelope(answer: VendorAnswer): Envelope | null {
  const j = answer.json as Partial<Envelope> | undefined;
  return j && typeof j.status === 'number' ? (j as Envelope) : null;
}

export function smsirClient(apiKey: string, sender: string, baseUrl: string, http: SmsHttpOptions): SmsClient {
  const base = trimBase(baseUrl);
  const headers = { 'x-api-key': apiKey, accept: 'application/json' };
  const api = vendorApi('SMS.ir', http, envelope);

  return {
    provider: 'smsir',
    async send(to, text) {
      // The line is a number in SMS.ir's JSON (30004505000017 is below 2^53).
      const lineNumber = /^\d{1,15}$/.test(sender) ? Number(sender) : sender;
      const body = { lineNumber, messageText: text, mobiles: [to.slice(1)], sendDateTime: null };
      return api.send(jsonPost(`${base}/send/bulk`, headers, body), (env, answer) => {
        const message = `${env.status}: ${env.message}`;
        if (env.status === 1) {
          const ids = (env.data as { messageIds?: unknown[] } | null)?.messageIds;
          return { ok: true, providerRef: Array.isArray(ids) && ids[0] != null ? String(ids[0]) : null };
        }
        if (env.status === RATE_LIMITED || answer.status === 429) return api.refused('unavailable', message, true);
        if (answer.status === 401 && !ERRORS[env.status]) return api.refused('invalid_key', message);
        return api.refused(ERRORS[env.status] ?? 'rejected', message);
      });
    },

    async status(refs) {
      const out = new Map<string, SmsVendorStatus>();
      for (const ref of refs) {
        if (!/^\d+$/.test(ref)) continue; // not an SMS.ir message id
        const env = await api.ask({ url: `${base}/send/${ref}`, init: { method: 'GET', headers } });
        if (env.status === NOT_FOUND) continue;
        if (env.status !== 1)
          throw api.statusRefused(ERRORS[env.status] ?? 'rejected', `${env.status}: ${env.message}`);
        const state = (env.data as { deliveryState?: unknown } | null)?.deliveryState;
        out.set(ref, typeof state === 'number' ? (DELIVERY[state] ?? 'pending') : 'pending');
      }
      return out;
    },
  };
}
