import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { files, messages } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { NotFound } from '../../platform/errors';
import { sendFile } from '../files';
import { asGuest, findGuestTicket } from './guest-access';

/** F4/C6: a guest downloads attachments of the replies on its own ticket, never of notes. */
export async function downloadGuestAttachment({
  ctx,
  number,
  code,
  id,
  reply,
}: {
  ctx: Ctx;
  number: number;
  code: string;
  id: number;
  reply: FastifyReply;
}) {
  const guest = asGuest(ctx);
  const ticket = await findGuestTicket(guest, number, code);
  const [f] = await guest.db
    .select({ id: files.id })
    .from(files)
    .innerJoin(messages, and(eq(messages.id, files.messageId), eq(messages.workspaceId, files.workspaceId)))
    .where(
      inWorkspace(
        files,
        guest,
        eq(files.id, id),
        eq(files.ticketId, ticket.id),
        eq(files.purpose, 'attachment'),
        eq(messages.kind, 'reply'),
      ),
    );
  if (!f) throw NotFound();
  return sendFile(guest, f.id, reply, { inline: false });
}
