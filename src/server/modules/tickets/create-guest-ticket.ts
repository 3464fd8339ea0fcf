import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { departments } from '../../../db/schema';
import type { ZGuestCreate, ZGuestCreated } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, InvalidField } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { hitRateLimit } from '../../platform/rate-limit';
import { getSettings } from '../settings';
import { asGuest, guestUploadsOpen } from './guest-access';
import { queueGuestLinkMail } from './guest-link-mail';
import { groupCode, newTrackingCode, trackingHash } from './tracking-code';
import { openTicket } from './write/open-ticket';

/** Per address and per e-mail, so neither a bot on one address nor one spread over many floods a queue. */
const PER_IP = { limit: 5, windowSeconds: 600 };
const PER_EMAIL = { limit: 5, windowSeconds: 3600 };

/**
 * F4: a ticket from the website's guest form. The guest gets the number and a tracking code
 * (12 characters, shown grouped: tracking-code.ts); the ticket keeps only the code's hash. The
 * same transaction queues the mail that brings number, code and link to the guest's address
 * (issue 14), so a guest who closes the page still has them. It waits for an agent like a
 * member's ticket.
 */
export async function createGuestTicket({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof ZGuestCreate>;
}): Promise<z.infer<typeof ZGuestCreated>> {
  const guest = asGuest(ctx);
  const s = await getSettings(guest);
  if (!s.guestFormEnabled) throw Forbidden('errors.guest_form_closed');
  await hitRateLimit(guest, `guest-ticket:ip:${guest.ip}`, PER_IP.limit, PER_IP.windowSeconds);
  const email = input.email.toLowerCase();
  await hitRateLimit(guest, `guest-ticket:email:${email}`, PER_EMAIL.limit, PER_EMAIL.windowSeconds);
  if (input.attachmentIds.length && !guestUploadsOpen(s))
    throw InvalidField('attachmentIds', 'errors.guest_attachments_closed');
  const bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  // Guests may write only to departments offered on the public form (B4).
  const [dep] = await guest.db
    .select()
    .from(departments)
    .where(inWorkspace(departments, guest, eq(departments.id, input.departmentId)));
  if (!dep || !dep.active || !dep.visible || dep.usage !== 'all')
    throw InvalidField('departmentId', 'validation.unknown_department');

  const code = newTrackingCode();
  return withTx(guest, async (tx) => {
    const { row } = await openTicket(
      tx,
      {
        subject: input.subject,
        departmentId: dep.id,
        priority: 'medium',
        status: 'active',
        requesterId: null,
        guestName: input.name,
        guestEmail: email,
        trackingHash: trackingHash(code),
        requesterEmail: email,
        lastCustomerReplyAt: tx.deps.clock.now(),
      },
      {
        kind: 'reply',
        authorKind: 'guest',
        authorName: input.name,
        bodyHtml,
        direction: input.direction,
        attachmentIds: input.attachmentIds,
      },
    );
    await queueGuestLinkMail(tx, { ticketId: row.id, code, reason: 'created', locale: guest.locale });
    return { number: row.number, trackingCode: groupCode(code) };
  });
}
