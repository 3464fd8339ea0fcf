import { z } from 'zod';
import { patchOf, ZPage, ZPageQuery } from './common';

/** The SMS credit (I2). Money is whole toman (IRT): a bigint in the database, a number here. */
export const CURRENCY = 'IRT';
/** The most one grant may add, and the most a balance may hold (well inside a safe JS integer). */
export const MAX_GRANT = 1_000_000_000_000;
export const MAX_BALANCE = 1_000_000_000_000_000;

export const ZCreditEntryKind = z.enum(['topup', 'grant', 'sms', 'refund']);
export type TCreditEntryKind = z.infer<typeof ZCreditEntryKind>;

export const ZCredit = z.object({
  balance: z.number().int(),
  pricePerSms: z.number().int(),
  currency: z.literal(CURRENCY),
  /** True while charging is on and the balance is under `lowBalanceThreshold` (the admins' banner). */
  lowBalance: z.boolean(),
  lowBalanceThreshold: z.number().int(),
  charging: z.boolean(),
  /** One-time sign-in codes are sent free and never skipped for credit. */
  codesExempt: z.boolean(),
});
export type TCredit = z.infer<typeof ZCredit>;

export const ZGrantCredit = z.object({
  amount: z.number().int().min(1).max(MAX_GRANT),
  note: z.string().trim().max(500).default(''),
});
export type TGrantCredit = z.infer<typeof ZGrantCredit>;

export const ZUpdateCredit = patchOf(
  z.object({
    charging: z.boolean(),
    pricePerSms: z.number().int().min(1).max(1_000_000),
    lowBalanceThreshold: z.number().int().min(0).max(MAX_GRANT),
    codesExempt: z.boolean(),
  }),
);
export type TUpdateCredit = z.infer<typeof ZUpdateCredit>;

export const ZCreditEntry = z.object({
  id: z.string(),
  kind: ZCreditEntryKind,
  /** Negative for an SMS charge. */
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TCreditEntry = z.infer<typeof ZCreditEntry>;

export const ZCreditEntriesQuery = ZPageQuery;
export const ZCreditEntries = ZPage(ZCreditEntry);

export const ZCreditUsageQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export type TCreditUsageQuery = z.infer<typeof ZCreditUsageQuery>;

export const ZCreditUsage = z.object({
  items: z.array(
    z.object({
      /** A day of the workspace's time zone. */
      day: z.string(),
      /** SMS parts charged that day, less those refunded. */
      parts: z.number().int(),
      /** Toman spent that day, less refunds. */
      amount: z.number().int(),
    }),
  ),
});
export type TCreditUsage = z.infer<typeof ZCreditUsage>;
