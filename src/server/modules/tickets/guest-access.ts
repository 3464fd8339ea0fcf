import { eq, isNull } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { hitRateLimit } from '../../platform/rate-limit';
import type { StoredSettings } from '../settings';
import { TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { codeMatches } from './tracking-code';
import { followMerged } from './ticket-links';

/**
 * Guest endpoints act for nobody, even when a session cookie came along: the tracking code or
 * claim token is the only credential, and nothing is attributed to the signed-in person.
 */
export const asGuest = (ctx: Ctx): Ctx => ({ ...ctx, actor: null });

export const guestUploadsOpen = (s: StoredSettings) =>
  s.guestFormEnabled && s.guestAttachmentsEnabled && s.attachmentsEnabled;

/** Where a guest downloads an attachment of its ticket; it needs the tracking code too. */
export const guestAttachmentUrl = (number: number, code: string) => (id: number) =>
  `/api/v1/public/tickets/${number}/attachments/${id}?code=${encodeURIComponent(code)}`;

/** Lookups per address: generous for a person, useless for guessing (codes carry 60 bits or more). */
const LOOKUPS = { limit: 120, windowSeconds: 600 };

/**
 * The guest ticket with this number and tracking code. A wrong or missing code, a deleted
 * ticket and a member's ticket all answer the same 404 as a number that does not exist. Only
 * the code's hash is stored; the row is found by its number and the hash compared in constant
 * time, for codes of either format (tracking-code.ts). A ticket merged into another answers that
 * one, carrying this guest's name and address (attachment links keep this number and code);
 * `own` answers the code's own ticket even then.
 */
export async function findGuestTicket(
  ctx: Ctx,
  number: number,
  code: string,
  opts: { own?: boolean } = {},
): Promise<TicketRow> {
  await hitRateLimit(ctx, `guest-lookup:ip:${ctx.ip}`, LOOKUPS.limit, LOOKUPS.windowSeconds);
  if (!code) throw NotFound('errors.ticket_not_found');
  const [row] = await ctx.db
    .select(TICKET_COLUMNS)
    .from(tickets)
    .where(
      inWorkspace(
        tickets,
        ctx,
        eq(tickets.number, number),
        isNull(tickets.requesterId),
        isNull(tickets.deletedAt),
        eq(tickets.internal, false),
      ),
    );
  // Compared even when there is no row, so a missing number costs what a wrong code does.
  const matches = codeMatches(code, row?.trackingHash ?? null);
  if (!row || !matches) throw NotFound('errors.ticket_not_found');
  if (!row.mergedIntoId || opts.own) return row;
  // K9: a merged ticket's link opens the ticket it now lives in (through chains of merges), in
  // the guest's own name; never an internal one.
  const target = await followMerged(ctx, row);
  if (!target || target.internal) throw NotFound('errors.ticket_not_found');
  return { ...target, guestName: row.guestName, guestEmail: row.guestEmail };
}
