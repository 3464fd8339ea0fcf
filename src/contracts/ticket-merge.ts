import { z } from 'zod';

// Issue 20 (K9): merging tickets and linking them. Kept apart from tickets.ts, which spreads
// ZTicketMergeFields into the ticket's answer (this file imports nothing of it: no cycle).

/** A ticket number in a body: 42 or "42" or "#42". */
const ZTicketNumber = z.union([
  z.number().int().min(1).max(2_147_483_647),
  z
    .string()
    .trim()
    .regex(/^#?[1-9]\d{0,9}$/, 'validation.ticket_number')
    .transform((v) => Number(v.replace('#', ''))),
]);

/**
 * A link as seen from one ticket, read "this ticket is <kind> #other": related; duplicate_of
 * (this one repeats the other) / duplicated_by; parent_of (the other is part of this one) /
 * child_of. Stored once per pair in ticket_links as related | duplicate (ticket_id is the
 * duplicate) | parent (ticket_id is the parent).
 */
export const ZTicketLinkKind = z.enum(['related', 'duplicate_of', 'duplicated_by', 'parent_of', 'child_of']);
export type TTicketLinkKind = z.infer<typeof ZTicketLinkKind>;

export const ZTicketLink = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(['active', 'pending', 'closed', 'locked']),
  kind: ZTicketLinkKind,
});
export type TTicketLink = z.infer<typeof ZTicketLink>;

/** What the ticket's answer (ZTicket) carries of merging and links. */
export const ZTicketMergeFields = {
  /** Staff only (customers get an empty list). */
  links: z.array(ZTicketLink),
  /** The ticket this one was merged into (it is closed and its thread moved there); else null. */
  mergedInto: z.number().int().nullable(),
};

export const ZMergeTicket = z.object({ into: ZTicketNumber });
export type TMergeTicket = z.infer<typeof ZMergeTicket>;

export const ZLinkTicket = z.object({ number: ZTicketNumber, kind: ZTicketLinkKind });
export type TLinkTicket = z.infer<typeof ZLinkTicket>;

export const ZLinkParams = z.object({
  number: z
    .string()
    .regex(/^#?[1-9]\d{0,9}$/)
    .transform((v) => Number(v.replace('#', ''))),
  otherNumber: z
    .string()
    .regex(/^#?[1-9]\d{0,9}$/)
    .transform((v) => Number(v.replace('#', ''))),
});
