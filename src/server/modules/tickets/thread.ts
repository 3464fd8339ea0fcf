import type { TicketRef } from '../../../contracts/tickets';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { messages, ticketEvents, ticketViews, users } from '../../../db/schema';
import type { TMessage, ZTicketEvent, ZTicketView, ZUpdateMessage } from '../../../contracts/tickets';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, InvalidField, NotFound } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { iso } from '../../platform/pagination';
import { findVisibleTicket, isStaffActor } from './ticket-access';
import { editMessage, removeMessage } from './write/edit-message';
import { threadOf, toMessages } from './message-mapper';

/** The thread (D4). Internal notes are never part of it for customers. */
export async function listMessages({ ctx, number }: { ctx: Ctx; number: TicketRef }): Promise<{ items: TMessage[] }> {
  const ticket = await findVisibleTicket(ctx, number, { includeDeleted: true });
  const staff = isStaffActor(ctx.actor!);
  return { items: await toMessages(ctx, await threadOf(ctx, ticket.id, { staff }), { staff }) };
}

/**
 * C12: a note can be changed or removed by its author only; replies are part of the record.
 * Runs in the caller's transaction with the ticket row locked.
 */
async function ownNote(tx: Ctx, number: TicketRef, id: number) {
  const ticket = await findVisibleTicket(tx, number, { forUpdate: true });
  if (!isStaffActor(tx.actor!)) throw NotFound();
  const [m] = await tx.db
    .select()
    .from(messages)
    .where(inWorkspace(messages, tx, eq(messages.id, id), eq(messages.ticketId, ticket.id)));
  if (!m) throw NotFound();
  if (m.kind !== 'note') throw Forbidden('errors.only_notes_editable');
  if (m.authorId !== tx.actor!.id) throw Forbidden('errors.not_note_author');
  return { ticket, m };
}

export async function editNote({
  ctx,
  number,
  id,
  input,
}: {
  ctx: Ctx;
  number: TicketRef;
  id: number;
  input: z.infer<typeof ZUpdateMessage>;
}) {
  const bodyHtml = sanitizeRichText(input.body);
  if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  return withTx(ctx, async (tx) => {
    const { ticket, m } = await ownNote(tx, number, id);
    const row = await editMessage(tx, ticket, m, { bodyHtml, direction: input.direction });
    return (await toMessages(tx, [row], { staff: true }))[0];
  });
}

export async function deleteNote({ ctx, number, id }: { ctx: Ctx; number: TicketRef; id: number }) {
  await withTx(ctx, async (tx) => {
    const { ticket, m } = await ownNote(tx, number, id);
    await removeMessage(tx, ticket, m);
  });
}

/** C21: the event log, for staff with tickets.view_logs. */
export async function listEvents({
  ctx,
  number,
}: {
  ctx: Ctx;
  number: TicketRef;
}): Promise<{ items: z.infer<typeof ZTicketEvent>[] }> {
  if (!can(ctx.actor, 'tickets.view_logs')) throw Forbidden();
  const ticket = await findVisibleTicket(ctx, number, { includeDeleted: true });
  const rows = await ctx.db
    .select()
    .from(ticketEvents)
    .where(inWorkspace(ticketEvents, ctx, eq(ticketEvents.ticketId, ticket.id)))
    .orderBy(asc(ticketEvents.id))
    .limit(5000);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      actor: { id: r.actorId === null ? null : String(r.actorId), name: r.actorName },
      data: r.data as Record<string, unknown>,
      createdAt: iso(r.createdAt)!,
    })),
  };
}

/** C22: who opened the ticket; views by admins are shown only to admins. */
export async function listViews({
  ctx,
  number,
}: {
  ctx: Ctx;
  number: TicketRef;
}): Promise<{ items: z.infer<typeof ZTicketView>[] }> {
  if (!can(ctx.actor, 'tickets.view_logs')) throw Forbidden();
  const ticket = await findVisibleTicket(ctx, number, { includeDeleted: true });
  const rows = await ctx.db
    .select({
      userId: ticketViews.userId,
      byAdmin: ticketViews.byAdmin,
      viewedAt: ticketViews.viewedAt,
      name: users.name,
      username: users.username,
    })
    .from(ticketViews)
    .innerJoin(users, eq(users.id, ticketViews.userId))
    .where(
      and(
        inWorkspace(ticketViews, ctx, eq(ticketViews.ticketId, ticket.id)),
        ctx.actor!.role === 'admin' ? undefined : eq(ticketViews.byAdmin, false),
      ),
    )
    .orderBy(desc(ticketViews.viewedAt))
    .limit(1000);
  return {
    items: rows.map((r) => ({
      user: { id: String(r.userId), name: r.name || r.username },
      byAdmin: r.byAdmin,
      viewedAt: iso(r.viewedAt)!,
    })),
  };
}
