import { z } from 'zod';
import { withTx, type Ctx } from '../../platform/context';
import { addressKey, hitRateLimit } from '../../platform/rate-limit';
import { asGuest, findGuestTicket } from './guest-access';
import { queueGuestLinkMail } from './guest-link-mail';

/** The body of `resendGuestLink`: the tracking code, the guest's only credential. */
export const ZGuestLinkResend = z.object({ code: z.string().trim().min(1).max(200) });

/**
 * Link mails asked for again (issue 14): per address, counted before the code is checked so
 * that nobody tries codes here faster than on the ticket page; per ticket and per e-mail address,
 * once the code is right, so that a guest's mailbox gets a few at most whoever asks.
 */
export const RESEND_PER_ADDRESS = { limit: 10, windowSeconds: 3600 };
export const RESEND_PER_TICKET = { limit: 3, windowSeconds: 3600 };
export const RESEND_PER_EMAIL = { limit: 5, windowSeconds: 3600 };
const LIMITED = 'errors.guest_link_rate_limited';

/**
 * F4 (issue 14): mails the guest its ticket's number, tracking code and link again, to the
 * address the ticket was opened with — never to one the caller names, so nobody can use it to
 * mail strangers. Only with the right code: a wrong code, a member's ticket, a deleted one and a
 * missing number are all the 404 of getGuestTicket, so nothing tells whether a ticket exists.
 * With the right code the answer is the same 202 whether or not a mail could be queued.
 */
export async function resendGuestLink({
  ctx,
  number,
  input,
}: {
  ctx: Ctx;
  number: number;
  input: z.infer<typeof ZGuestLinkResend>;
}): Promise<void> {
  const guest = asGuest(ctx);
  const p = RESEND_PER_ADDRESS;
  await hitRateLimit(guest, `guest-link:ip:${addressKey(guest.ip)}`, p.limit, p.windowSeconds, LIMITED);
  // The code's own ticket (its number and address), even when it was merged into another (K9).
  const ticket = await findGuestTicket(guest, number, input.code, { own: true });
  const tk = RESEND_PER_TICKET;
  await hitRateLimit(guest, `guest-link:ticket:${ticket.id}`, tk.limit, tk.windowSeconds, LIMITED);
  if (!ticket.guestEmail) return;
  const e = RESEND_PER_EMAIL;
  await hitRateLimit(guest, `guest-link:email:${ticket.guestEmail.toLowerCase()}`, e.limit, e.windowSeconds, LIMITED);
  await withTx(guest, (tx) =>
    queueGuestLinkMail(tx, { ticketId: ticket.id, code: input.code, reason: 'resent', locale: guest.locale }),
  );
}
