import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { files, messages, tickets } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { AppError, NotFound } from '../../platform/errors';
import { requireActor } from '../../platform/http/access';
import { sendFile } from '../files';
import { findVisibleTicket, isStaffActor } from './ticket-access';

/**
 * C6: downloads an attachment by its name, for whoever may see its ticket; a note's only for
 * staff; an upload no message claimed yet only for its uploader. Anyone else gets the same 404
 * as for an id that does not exist, so ids reveal nothing.
 */
export async function downloadAttachment({ ctx, id, reply }: { ctx: Ctx; id: number; reply: FastifyReply }) {
  const actor = requireActor(ctx);
  const [f] = await ctx.db
    .select({
      id: files.id,
      messageId: files.messageId,
      createdBy: files.createdBy,
      kind: messages.kind,
      number: tickets.number,
    })
    .from(files)
    .leftJoin(messages, and(eq(messages.id, files.messageId), eq(messages.workspaceId, files.workspaceId)))
    .leftJoin(tickets, and(eq(tickets.id, files.ticketId), eq(tickets.workspaceId, files.workspaceId)))
    .where(inWorkspace(files, ctx, eq(files.id, id), eq(files.purpose, 'attachment')));
  if (!f) throw NotFound();
  if (f.messageId === null) {
    if (f.createdBy !== actor.id) throw NotFound();
  } else {
    if (f.kind !== 'reply' && !isStaffActor(actor)) throw NotFound();
    if (f.number === null) throw NotFound();
    // The same rule as the thread (deleted tickets stay readable to staff); a customer whose
    // ticket access is off gets 404 here rather than the 403 of the ticket pages.
    await findVisibleTicket(ctx, f.number, { includeDeleted: true }).catch((e: unknown) => {
      throw e instanceof AppError ? NotFound() : e;
    });
  }
  return sendFile(ctx, f.id, reply, { inline: false });
}
