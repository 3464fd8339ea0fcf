/**
 * Ghasedak web service gateway (REST API v1). The older api.ghasedak.me/v2 (form-encoded,
 * `apikey` header, `{ result: { code }, items }`) is what ghasedak.me now calls the old documents;
 * the current documents and SDKs use the gateway below.
 *
 * Read: https://ghasedak.me/docs (GetAccountInformation sample: `ApiKey` header, answer
 * `{ Data, IsSuccess, StatusCode, Message }`, error table); the vendor's SDKs
 * ghasedakapi/ghasedaksms-php src/GhasedaksmsApi.php, src/Constants.php and its request/response
 * DTOs (SingleMessageDTO, SingleMessageResponseDTO, CheckSmsStatusResponseItemDTO; answers are
 * camelCase: isSuccess/statusCode/message/data), ghasedakapi/ghasedak_sms_node src/ghasedak.js and
 * src/helper.js (CheckSmsStatus?Type=1&Ids=a&Ids=b), ghasedakapi/ghasedak_sms_python
 * ghasedak_sms/enums/send_status.py and message_id_type.py. The SDKs' newest host is
 * gw.ghasedak.me/Rest/api/v1/WebService; the documents show gateway.ghasedak.me (used here).
 *
 * Send:   POST {base}/SendSingleSMS, ApiKey: <key>, JSON
 *         { lineNumber: "<line>", receptor: "09xxxxxxxxx", message: "…", clientReferenceId: null, udh: false }
 *   → { isSuccess: true, statusCode: 200, message: "…",
 *       data: { receptor, lineNumber, cost, messageId: "…", message, sendDate } }
 *   → { isSuccess: false, statusCode: <code>, message: "…", data: null } on refusal
 * Status: GET {base}/CheckSmsStatus?Type=1&Ids=<id>&Ids=<id> (Type 1: messageId; batch)
 *   → { isSuccess: true, statusCode: 200, data: [{ messageId, clientReferenceId, message,
 *       lineNumber, receptor, status, price, sendDate }] }
 *
 * statusCode table (ghasedak.me/docs error table as listed in public integrations): 200 success,
 * 400 invalid input / empty receiver / missing "لغو11", 401 inactive account / not authorized,
 * 402 operation failed, 406 line ownership error, 412 line inaccessible, inactive, public,
 * expired or the operator refused, 413 message or receivers too long, 416 forbidden IP,
 * 418 credit insufficient, 419 bad tariff, 420 invalid link, 422 invalid character,
 * 426 upgrade plan, 428 invalid template, 429 missing parameters, 451 duplicate request,
 * 500 unknown error. A refused receptor is an invalid input (400).
 * Message status: 0 to be confirmed, 1 rejected, 2 to be sent, 3 sending, 4 sent, 5 debug mode,
 * 6 internal failure, 7 cancelled, 8 internal blacklist, 9 paused, 10 sent to the provider,
 * 11 delivered to the provider, 12 blacklisted, 13 not delivered, 14 delivered, 15 blocked,
 * 16 failed, 17 processing.
 */
import { chunks, jsonPost, trimBase, vendorApi, type SmsHttpOptions, type VendorAnswer } from './http';
import type { SmsClient, SmsErrorCode, SmsVendorStatus } from './types';

export const GHASEDAK_URL = 'https://gateway.ghasedak.me/rest/api/v1/WebService';

const ERRORS: Record<number, SmsErrorCode> = {
  401: 'invalid_key',
  416: 'invalid_key',
  418: 'no_vendor_credit',
  400: 'invalid_number',
  406: 'invalid_sender',
  412: 'invalid_sender',
};

const FAILED = new Set([1, 6, 7, 8, 12, 13, 15, 16]);

interface Envelope {
  isSuccess: boolean;
  statusCode: number;
  message: string;
  data: unknown;
}

/** The documents print PascalCase, the SDKs read camelCase: keys are compared without case. */
function envelope(answer: VendorAnswer): Envelope | null {
  const j = answer.json;
  if (!j || typeof j !== 'object' || Array.isArray(j)) return null;
  const lower = Object.fromEntries(Object.entries(j).map(([k, v]) => [k.toLowerCase(), v]));
  if (typeof lower.statuscode !== 'number') return null;
  return {
    isSuccess: lower.issuccess === true,
    statusCode: lower.statuscode,
    message: typeof lower.message === 'string' ? lower.message : '',
    data: lower.data,
  };
}

function field(item: unknown, name: string): unknown {
  if (!item || typeof item !== 'object') return undefined;
  const hit = Object.entries(item).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return hit?.[1];
}

export function ghasedakClient(apiKey: string, sender: string, baseUrl: string, http: SmsHttpOptions): SmsClient {
  const base = trimBase(baseUrl);
  const headers = { apikey: apiKey, accept: 'application/json' };
  const api = vendorApi('Ghasedak', http, envelope);

  return {
    provider: 'ghasedak',
    async send(to, text) {
      const body = { lineNumber: sender, receptor: to, message: text, clientReferenceId: null, udh: false };
      return api.send(jsonPost(`${base}/SendSingleSMS`, headers, body), (env) => {
        const message = `${env.statusCode}: ${env.message}`;
        if (env.isSuccess && env.statusCode === 200) {
          const id = field(env.data, 'messageId');
          return { ok: true, providerRef: id != null && id !== '' ? String(id) : null };
        }
        if (env.statusCode >= 500) return api.refused('unavailable', message, true);
        return api.refused(ERRORS[env.statusCode] ?? 'rejected', message);
      });
    },

    async status(refs) {
      const out = new Map<string, SmsVendorStatus>();
      for (const batch of chunks(refs, 100)) {
        const query = new URLSearchParams({ Type: '1' });
        for (const id of batch) query.append('Ids', id);
        const env = await api.ask({ url: `${base}/CheckSmsStatus?${query}`, init: { method: 'GET', headers } });
        if (!env.isSuccess)
          throw api.statusRefused(
            env.statusCode === 400 ? 'rejected' : (ERRORS[env.statusCode] ?? 'rejected'),
            `${env.statusCode}: ${env.message}`,
          );
        for (const item of Array.isArray(env.data) ? env.data : []) {
          const id = field(item, 'messageId');
          const status = field(item, 'status');
          if (id == null || typeof status !== 'number') continue;
          out.set(String(id), status === 14 ? 'delivered' : FAILED.has(status) ? 'failed' : 'pending');
        }
      }
      return out;
    },
  };
}
