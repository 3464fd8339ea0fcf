import { z } from 'zod';
import { isIP } from './ip';
import { patchShape, ZId } from './common';
import { CSAT_DEFAULTS, ZCsatSettings } from './csat';

/** An IPv4/IPv6 address or CIDR block. */
const ZIpOrCidr = z
  .string()
  .trim()
  .refine((v) => {
    const [addr, bits, extra] = v.split('/');
    if (extra !== undefined) return false;
    const family = isIP(addr);
    if (!family) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
  }, 'validation.ip');

/**
 * An IANA time zone name (`Asia/Tehran`, `UTC`, `Etc/GMT-3`) that the platform knows. Offsets
 * such as `+03:30` are refused: PostgreSQL reads a bare offset with the opposite sign.
 */
export const ZTimeZone = z
  .string()
  .trim()
  .max(64)
  .refine((tz) => {
    if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
    return knownTimeZone(tz);
  }, 'validation.time_zone');

// Zones found known, so that settings parsed on every cache refresh and query strings with `tz`
// do not each make an Intl.DateTimeFormat (ICU memory outside V8's heap; see dayIn).
const knownZones = new Set<string>();
function knownTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return false;
  }
  if (knownZones.size < 1000) knownZones.add(tz);
  return true;
}

/** J1 and J2: every workspace setting with its default. Stored as one JSON document. */
export const ZSettings = z.object({
  // J1 system
  title: z.string().trim().min(1).max(120).default('پیشخوان'),
  contact: z
    .object({
      email: z.string().trim().max(254).default(''),
      phone: z.string().trim().max(40).default(''),
      address: z.string().trim().max(500).default(''),
      website: z.string().trim().max(200).default(''),
    })
    .default({ email: '', phone: '', address: '', website: '' }),
  announcement: z.string().max(2000).default(''),
  suspended: z.boolean().default(false),
  suspensionMessage: z.string().max(2000).default(''),
  allowedIps: z.array(ZIpOrCidr).max(200).default([]),
  customersCanRegister: z.boolean().default(true),
  maxUploadMb: z.number().min(0.1).max(1024).default(20),
  defaultLocale: z.enum(['fa', 'en']).default('fa'),
  persianDigits: z.boolean().default(true),
  /** The workspace's days: date filters, "today" and daily counts, dates shown in the web app. */
  timeZone: ZTimeZone.default('Asia/Tehran'),
  // J2 tickets
  guestFormEnabled: z.boolean().default(true),
  guestAttachmentsEnabled: z.boolean().default(true),
  attachmentsEnabled: z.boolean().default(true),
  memberMaxUploadMb: z.number().min(0.1).max(1024).default(10),
  guestMaxUploadMb: z.number().min(0.1).max(1024).default(2),
  mailFetchIntervalMinutes: z.number().int().min(1).max(1440).default(5),
  fetchAllDepartments: z.boolean().default(true),
  /** F1: take in mail a mailbox received although none of its recipients is a mailbox's address (aliases, Bcc). */
  importUnknownAddresses: z.boolean().default(true),
  autoCloseDays: z.number().int().min(0).max(365).default(7),
  // A6
  /** The access level an agent created without one gets; null: none (the agent only reads). */
  defaultAccessLevelId: ZId.nullable().default(null),
  // A5, K11
  /** The organisation's own site for forgotten directory passwords, linked from the sign-in page. */
  passwordResetUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^$|^https?:\/\/\S+$/, 'validation.url')
    .default(''),
  /** Who must use two-factor sign-in: nobody, admins, or all staff (admins and agents). */
  twoFactorRequired: z.enum(['off', 'admins', 'staff']).default('off'),
  // K5
  /** Satisfaction surveys after a ticket closes: on or off, by e-mail and/or SMS, after a delay. */
  csat: ZCsatSettings.default(() => ({ ...CSAT_DEFAULTS, channels: [...CSAT_DEFAULTS.channels] })),
});
export type Settings = z.infer<typeof ZSettings>;

/** What an admin may change: every field optional; contact merges field by field. */
export const ZSettingsPatch = z
  .object({
    ...patchShape(ZSettings.omit({ contact: true, csat: true })),
    contact: z.object(patchShape(ZSettings.shape.contact.unwrap())).optional(),
    csat: z.object(patchShape(ZCsatSettings)).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'validation.empty_patch');

export const ZSettingsResponse = ZSettings.extend({
  logoUrl: z.string().nullable(),
  loginImageUrl: z.string().nullable(),
});

export const ZPublicSettings = z.object({
  title: z.string(),
  logoUrl: z.string().nullable(),
  loginImageUrl: z.string().nullable(),
  announcement: z.string(),
  suspended: z.boolean(),
  suspensionMessage: z.string(),
  contact: ZSettings.shape.contact.unwrap(),
  defaultLocale: z.enum(['fa', 'en']),
  persianDigits: z.boolean(),
  timeZone: z.string(),
  /** Where people reset a directory password; empty when not set. */
  passwordResetUrl: z.string(),
  forms: z.object({ guestTickets: z.boolean(), guestAttachments: z.boolean(), registration: z.boolean() }),
  limits: z.object({ memberMaxUploadMb: z.number(), guestMaxUploadMb: z.number(), attachmentsPerMessage: z.number() }),
});
