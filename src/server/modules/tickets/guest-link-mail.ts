import { guestLinkMails } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { createSealer } from '../../platform/crypto';
import type { Locale } from '../../platform/i18n';

export const GUEST_LINK_QUEUE = 'mail.guest-link';

export interface GuestLinkJob {
  workspaceId: number;
  /** The `guest_link_mails` row that records this mail. */
  mailId: number;
  /** The tracking code sealed with SECRET_KEY: the job table never holds it in the clear. */
  sealedCode: string;
}

export const guestLinkSealer = (secretKey: string) => createSealer(secretKey, 'guest-tracking-link');

/**
 * F4 (issue 14): mails the guest its ticket's number, tracking code and link. Called in the
 * transaction that opens the ticket (or that asks for the link again): the record
 * (`guest_link_mails`, 'queued') and the `mail.guest-link` job exist only if it commits. The code,
 * which the ticket keeps only as a hash, goes into the job sealed.
 */
export async function queueGuestLinkMail(
  tx: Ctx,
  o: { ticketId: number; code: string; reason: 'created' | 'resent'; locale: Locale },
): Promise<number> {
  const [row] = await tx.db
    .insert(guestLinkMails)
    .values({
      workspaceId: tx.workspaceId,
      ticketId: o.ticketId,
      reason: o.reason,
      locale: o.locale,
      status: 'queued',
      createdAt: tx.deps.clock.now(),
    })
    .returning({ id: guestLinkMails.id });
  const job: GuestLinkJob = {
    workspaceId: tx.workspaceId,
    mailId: row.id,
    sealedCode: guestLinkSealer(tx.deps.config.secretKey).seal(o.code),
  };
  await tx.deps.jobs.send<GuestLinkJob>(GUEST_LINK_QUEUE, job, { executor: tx.db });
  return row.id;
}
