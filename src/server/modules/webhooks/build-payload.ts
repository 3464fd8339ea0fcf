import { and, eq, inArray } from 'drizzle-orm';
import { messages, tags, tickets, users } from '../../../db/schema';
import { inParallel, type Ctx } from '../../platform/context';
import { htmlToText } from '../../platform/html';
import type { TicketSource } from './queue-event';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A message's plain text is cut here: receivers get the gist, the ticket has the rest. */
const MAX_BODY_CHARS = 20_000;

/**
 * The `data` of a ticket event, read when the job runs (not in the sink, which must stay cheap):
 * `{ ticket, message?, changes? }`. `ticket` holds number, subject, status, priority,
 * departmentId, requester (id, name, email; a guest has id null), assigneeIds, tags (names),
 * createdAt, updatedAt; `message` (message.created) its id, kind — `reply` or `note` (an
 * internal note, never shown to the customer) —, author and bodyText. Null when the ticket (or
 * message) is gone.
 */
export async function ticketEventData(ctx: Ctx, src: TicketSource): Promise<Record<string, unknown> | null> {
  const [t] = await ctx.db
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ctx.workspaceId), eq(tickets.id, src.ticketId)));
  if (!t || t.deletedAt) return null;
  const [requester, tagRows, message] = await inParallel(
    ctx,
    async () =>
      t.requesterId
        ? ctx.db
            .select({ id: users.id, name: users.name, email: users.email })
            .from(users)
            .where(and(eq(users.workspaceId, ctx.workspaceId), eq(users.id, t.requesterId)))
            .then((r) => r[0])
        : undefined,
    async () =>
      t.tagIds.length
        ? ctx.db
            .select({ name: tags.name })
            .from(tags)
            .where(and(eq(tags.workspaceId, ctx.workspaceId), inArray(tags.id, t.tagIds)))
        : [],
    async () =>
      src.messageId
        ? ctx.db
            .select({
              id: messages.id,
              kind: messages.kind,
              authorId: messages.authorId,
              authorKind: messages.authorKind,
              authorName: messages.authorName,
              bodyHtml: messages.bodyHtml,
              createdAt: messages.createdAt,
            })
            .from(messages)
            .where(
              and(
                eq(messages.workspaceId, ctx.workspaceId),
                eq(messages.ticketId, t.id),
                eq(messages.id, src.messageId),
              ),
            )
            .then((r) => r[0])
        : undefined,
  );
  if (src.messageId && !message) return null;
  const data: Record<string, unknown> = {
    ticket: {
      id: String(t.id),
      number: t.number,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      departmentId: String(t.departmentId),
      internal: t.internal,
      requester: requester
        ? { id: String(requester.id), name: requester.name, email: requester.email }
        : { id: null, name: t.guestName ?? '', email: t.guestEmail },
      assigneeIds: t.assigneeIds.map(String),
      tags: tagRows.map((r) => r.name).sort(),
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
    },
  };
  if (message)
    data.message = {
      id: String(message.id),
      kind: message.kind,
      author: {
        id: message.authorId === null ? null : String(message.authorId),
        kind: message.authorKind,
        name: message.authorName,
      },
      bodyText: htmlToText(message.bodyHtml).slice(0, MAX_BODY_CHARS),
      createdAt: iso(message.createdAt),
    };
  if (src.changes) data.changes = src.changes;
  return data;
}
