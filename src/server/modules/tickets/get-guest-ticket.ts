import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { departments } from '../../../db/schema';
import type { ZGuestTicket } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { inParallel } from '../../platform/context';
import { iso } from '../../platform/pagination';
import { asGuest, findGuestTicket, guestAttachmentUrl } from './guest-access';
import { threadOf, toMessages } from './message-mapper';

/** F4: the guest follows its ticket with number and tracking code: replies only, never notes. */
export async function getGuestTicket({
  ctx,
  number,
  code,
}: {
  ctx: Ctx;
  number: number;
  code: string;
}): Promise<z.infer<typeof ZGuestTicket>> {
  const guest = asGuest(ctx);
  const t = await findGuestTicket(guest, number, code);
  const [[dep], thread] = await inParallel(
    guest,
    () =>
      guest.db
        .select({ name: departments.name })
        .from(departments)
        .where(inWorkspace(departments, guest, eq(departments.id, t.departmentId))),
    () => threadOf(guest, t.id, { staff: false }),
  );
  return {
    // The number the code opens: a merged ticket's own, though it shows the one it was merged into (K9).
    number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    department: { id: String(t.departmentId), name: dep?.name ?? '' },
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
    messages: (await toMessages(guest, thread, { staff: false, attachmentUrl: guestAttachmentUrl(number, code) })).map(
      (m) => ({ ...m, body: guestImageLinks(m.body, guestAttachmentUrl(number, code)) }),
    ),
  };
}

/**
 * Inline images of mail (`<img src="/api/v1/attachments/N">`, see mail intake) need the guest's
 * own download address, which carries the tracking code.
 */
export function guestImageLinks(html: string, url: (id: number) => string): string {
  if (!html.includes('/api/v1/attachments/')) return html;
  return html.replace(
    /(<img\b[^>]*\bsrc=")\/api\/v1\/attachments\/(\d+)"/gi,
    (_, head: string, id: string) => `${head}${url(Number(id)).replace(/&/g, '&amp;')}"`,
  );
}
