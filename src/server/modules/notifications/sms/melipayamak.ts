/**
 * Melipayamak (payamak-panel.com) REST web service.
 *
 * Read: the vendor's SDKs Melipayamak/melipayamak-php src/SmsRest.php and Melipayamak/melipayamak-node
 * src/sms/restAsync.js (form-encoded POST to https://rest.payamak-panel.com/api/SendSMS/{method}:
 * SendSMS with username/password/to/from/text/isflash, GetDeliveries2 with username/password/recId);
 * https://www.melipayamak.com/api/sendsms/ and /api/sendsimplesms/ (the return-value table);
 * https://www.melipayamak.com/help/ (Send web service: GetDeliveries values).
 *
 * Send:   POST {base}/SendSMS, application/x-www-form-urlencoded:
 *         username, password, to=09xxxxxxxxx, from=<line>, text, isflash=false
 *   → 200 { Value: "<recId>", RetStatus: 1, StrRetStatus: "Ok" }   (recId: a long number)
 *   → 200 { Value: "<code>", RetStatus: <n>, StrRetStatus: "<name>" } on refusal
 * Status: POST {base}/GetDeliveries2, username, password, recId (one message per call)
 *   → 200 { Value: "<delivery code>", RetStatus: 1, StrRetStatus: "Ok" }
 *
 * Return values (sendsms table): 0 wrong username or password, 1 done, 2 credit insufficient,
 * 3 daily limit, 4 volume limit, 5 invalid sender number, 6 system being updated, 7 filtered word,
 * 9 public lines cannot send through the web service, 10 user not active, 11 not sent,
 * 12 user's documents incomplete, 14 text contains a link, 15 more than one receiver needs "لغو11".
 * The table has no code for a bad receiver; the REST layer answers RetStatus 35 / "InvalidData"
 * to input it cannot accept (seen in public integrations, not in the table), read as a bad number.
 * Delivery values: 0 sent to the telecom, 1 delivered, 2 not delivered, 3 telecom error,
 * 5 unknown error, 8 reached the telecom, 16 did not reach the telecom, 35 blacklist, 100 unknown,
 * 200 sent, 300 filtered, 400 in the send list, 500 not accepted.
 */
import { formPost, trimBase, vendorApi, type SmsHttpOptions, type VendorAnswer } from './http';
import type { SmsClient, SmsErrorCode, SmsVendorStatus } from './types';

export const MELIPAYAMAK_URL = 'https://rest.payamak-panel.com/api/SendSMS';

const ERRORS: Record<number, SmsErrorCode> = {
  0: 'invalid_key',
  10: 'invalid_key',
  2: 'no_vendor_credit',
  5: 'invalid_sender',
  9: 'invalid_sender',
};
/** "The system is being updated": nothing is wrong with the message, a later try may pass. */
const UPDATING = 6;
const INVALID_DATA = 35;

const DELIVERY: Record<number, SmsVendorStatus> = {
  0: 'pending',
  1: 'delivered',
  2: 'failed',
  3: 'failed',
  5: 'failed',
  8: 'pending',
  16: 'failed',
  35: 'failed',
  100: 'pending',
  200: 'pending',
  300: 'failed',
  400: 'pending',
  500: 'failed',
};

interface Answer {
  Value: string;
  RetStatus: number;
  StrRetStatus: string;
}

function parse(answer: VendorAnswer): Answer | null {
  const j = answer.json as Partial<Answer> | undefined;
  return j && typeof j.RetStatus === 'number' ? { ...(j as Answer), Value: String(j.Value ?? '') } : null;
}

export function melipayamakClient(
  username: string,
  password: string,
  sender: string,
  baseUrl: string,
  http: SmsHttpOptions,
): SmsClient {
  const base = trimBase(baseUrl);
  const api = vendorApi('Melipayamak', http, parse);
  const request = (method: string, form: Record<string, string>) =>
    formPost(`${base}/${method}`, { username, password, ...form });

  return {
    provider: 'melipayamak',
    async send(to, text) {
      return api.send(request('SendSMS', { to, from: sender, text, isflash: 'false' }), (a) => {
        const message = `${a.StrRetStatus} (${a.RetStatus}, ${a.Value})`;
        // A recId is a long number; the refusal codes are short ones.
        if (a.RetStatus === 1 && /^\d{3,}$/.test(a.Value)) return { ok: true, providerRef: a.Value };
        if (a.RetStatus === INVALID_DATA || a.StrRetStatus === 'InvalidData')
          return api.refused('invalid_number', message);
        const code = /^-?\d{1,2}$/.test(a.Value) ? Number(a.Value) : a.RetStatus;
        if (code === UPDATING) return api.refused('unavailable', message, true);
        return api.refused(ERRORS[code] ?? 'rejected', message);
      });
    },

    async status(refs) {
      const out = new Map<string, SmsVendorStatus>();
      for (const ref of refs) {
        if (!/^\d+$/.test(ref)) continue;
        const a = await api.ask(request('GetDeliveries2', { recId: ref }));
        if (a.RetStatus !== 1) {
          if (a.RetStatus === INVALID_DATA) continue; // not a recId it knows
          const code = /^-?\d{1,2}$/.test(a.Value) ? Number(a.Value) : a.RetStatus;
          throw api.statusRefused(ERRORS[code] ?? 'rejected', `${a.StrRetStatus} (${a.RetStatus})`);
        }
        const mapped = /^\d+$/.test(a.Value) ? DELIVERY[Number(a.Value)] : undefined;
        if (mapped) out.set(ref, mapped);
      }
      return out;
    },
  };
}
