import { z } from 'zod';

/**
 * K5: satisfaction surveys (CSAT). After a ticket closes, its requester gets a link
 * (`/csat/<token>`) by e-mail and, when chosen, by SMS; one rating 1–5 per ticket, with an
 * optional comment.
 */

/** The workspace setting (`settings.csat`): on or off, the channels, and how long after closing. */
export const ZCsatSettings = z.object({
  enabled: z.boolean().default(true),
  channels: z
    .array(z.enum(['email', 'sms']))
    .max(2)
    .refine((v) => new Set(v).size === v.length, 'validation.duplicate')
    .default(['email']),
  /** Minutes between closing and sending (0: at once); at most a week. */
  delayMinutes: z.number().int().min(0).max(10_080).default(0),
});
export type TCsatSettings = z.infer<typeof ZCsatSettings>;
export const CSAT_DEFAULTS: TCsatSettings = { enabled: true, channels: ['email'], delayMinutes: 0 };

/** The link's token: 32 random bytes, base64url (43 characters). A malformed one is a 404. */
export const ZCsatTokenParams = z.object({ token: z.string().min(1).max(200) });

/** 1 (very unhappy) … 5 (very happy). */
export const ZCsatRating = z
  .number()
  .int('validation.csat_rating')
  .min(1, 'validation.csat_rating')
  .max(5, 'validation.csat_rating');

/** POST /public/csat/:token: the rating, and optionally a comment (the same rating again to add one). */
export const ZCsatAnswer = z.object({
  rating: ZCsatRating,
  comment: z.string().trim().max(2000).optional(),
});

/** GET /public/csat/:token: what the public page shows — nothing more. */
export const ZPublicCsat = z.object({
  ticketNumber: z.number().int(),
  subject: z.string(),
  workspace: z.object({ name: z.string(), logoUrl: z.string().nullable() }),
  answered: z.boolean(),
  /** The rating given, once answered; null before. */
  rating: z.number().int().nullable(),
});
export type TPublicCsat = z.infer<typeof ZPublicCsat>;

/** The survey's answer as the ticket page shows it. */
export const ZTicketCsat = z.object({
  rating: z.number().int(),
  comment: z.string().nullable(),
  answeredAt: z.string(),
});
export type TTicketCsat = z.infer<typeof ZTicketCsat>;
