/**
 * One interface for every SMS vendor (G3, A2, A3). Each client follows its vendor's published
 * HTTP API; the base address can be overridden (SMS_<VENDOR>_URL) for tests and proxies.
 */
export const SMS_PROVIDERS = ['kavenegar', 'smsir', 'melipayamak', 'ghasedak', 'log'] as const;
export type SmsProvider = (typeof SMS_PROVIDERS)[number];

/** What a client needs: the vendor, the sender line and the account's secrets (already opened). */
export interface SmsAccount {
  provider: SmsProvider;
  /** The sender line (number) messages go out from; some vendors need it, some pick a default. */
  sender: string;
  apiKey?: string | null;
  username?: string | null;
  password?: string | null;
  /** The vendor's API base address; defaults to the vendor's own. */
  baseUrl?: string;
}

/**
 * Why a vendor refused: `invalid_key` (credentials wrong or API access off), `no_vendor_credit`
 * (the account at the vendor is out of money), `invalid_number`, `invalid_sender` (line not
 * the account's), `rejected` (anything else the vendor said no to), `unavailable` (5xx or an
 * answer that is not the vendor's), `timeout`.
 */
export type SmsErrorCode =
  'invalid_key' | 'no_vendor_credit' | 'invalid_number' | 'invalid_sender' | 'rejected' | 'unavailable' | 'timeout';

export type SmsSendResult =
  | { ok: true; /** The vendor's id of the message, to ask its status with. */ providerRef: string | null }
  | {
      ok: false;
      code: SmsErrorCode;
      /** A later try may succeed (timeouts and 5xx only). */
      retryable: boolean;
      /** What the vendor said, for the deliveries log (never a secret). */
      message: string;
    };

/** A message's state at the vendor, as asked later by a job. */
export type SmsVendorStatus = 'pending' | 'delivered' | 'failed';

export interface SmsClient {
  readonly provider: SmsProvider;
  /** `to` is 09xxxxxxxxx (normalizeMobile). Retries timeouts and 5xx itself, a few times. */
  send(to: string, text: string): Promise<SmsSendResult>;
  /** The state of sent messages by their `providerRef`; refs the vendor does not know are left out. */
  status(refs: string[]): Promise<Map<string, SmsVendorStatus>>;
}
