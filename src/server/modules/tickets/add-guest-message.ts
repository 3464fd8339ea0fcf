import type { z } from 'zod';
import type { TMessage, ZGuestReply } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { InvalidField } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { hitRateLimit } from '../../platform/rate-limit';
import { getSettings } from '../settings';
import { asGuest, findGuestTicket, guestAttachmentUrl, guestUploadsOpen } from './guest-access';
import { toMessages } from './message-mapper';
import { appendMessage, lockTicket } from './write/append-message';

/**
 * Replies per address and per ticket (issue 12): a person answers a few times in ten minutes;
 * a script on one address, or many addresses on one ticket, is stopped at ten.
 */
export const GUEST_REPLIES = { limit: 10, windowSeconds: 600 };
const LIMITED = 'errors.guest_reply_rate_limited';

/**
 * F4/C9: a guest answers on its ticket with the tracking code. It moves the ticket like a
 * customer's reply: active again, a closed ticket reopens; a locked one takes nothing.
 */
export async function addGuestMessage({
  ctx,
  number,
  code,
  input,
}: {
  ctx: Ctx;
  number: number;
  code: string;
  input: z.infer<typeof ZGuestReply>;
}): Promise<TMessage> {
  const guest = asGuest(ctx);
  const pre = await findGuestTicket(guest, number, code);
  // Counted once the code is right, so that nobody can use up a ticket's replies without it.
  await hitRateLimit(guest, `guest-reply:ip:${guest.ip}`, GUEST_REPLIES.limit, GUEST_REPLIES.windowSeconds, LIMITED);
  await hitRateLimit(guest, `guest-reply:ticket:${pre.id}`, GUEST_REPLIES.limit, GUEST_REPLIES.windowSeconds, LIMITED);
  if (input.attachmentIds.length && !guestUploadsOpen(await getSettings(guest)))
    throw InvalidField('attachmentIds', 'errors.guest_attachments_closed');
  const bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');

  return withTx(guest, async (tx) => {
    // Lock the ticket row: concurrent replies are applied one after the other; a locked ticket refuses.
    const ticket = await lockTicket(tx, pre.id);
    const { message } = await appendMessage(tx, ticket, {
      kind: 'reply',
      by: 'customer',
      authorKind: 'guest',
      // The guest's own name (a merged ticket's guest writes on the ticket it was merged into).
      authorName: pre.guestName ?? '',
      bodyHtml,
      direction: input.direction,
      attachmentIds: input.attachmentIds,
    });
    const [out] = await toMessages(tx, [message], {
      staff: false,
      attachmentUrl: guestAttachmentUrl(number, code),
    });
    return out;
  });
}
