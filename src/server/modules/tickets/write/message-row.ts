import { eq, sql, type SQL } from 'drizzle-orm';
import { messages, tickets } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { runPrepared } from '../../../platform/db/prepared';
import { inWorkspace } from '../../../platform/db/scope';
import { htmlToText } from '../../../platform/html';
import { claimAttachments } from '../attachments.repo';
import { tsvectorOf } from '../search-text';
import { TICKET_COLUMNS, type TicketRow } from '../ticket-access';

export type MessageRow = typeof messages.$inferSelect;

export interface NewMessage {
  kind: 'reply' | 'note';
  authorKind: 'customer' | 'agent' | 'guest' | 'system';
  authorName: string;
  bodyHtml: string; // already sanitised
  direction: 'rtl' | 'ltr' | 'auto';
  cc?: string[];
  bcc?: string[];
  attachmentIds?: string[];
  /** The e-mail Message-ID (no angle brackets) of a mail taken in or sent out. */
  emailMessageId?: string | null;
  /** E2: the workflow step this message records (its body is the step's comment). */
  transition?: Record<string, string> | null;
  /** F3: stored as `queued` when the writer queues its mail in the same transaction (`queueReplyJob`). */
  deliveryStatus?: 'queued';
  /** Ticket columns to change along with the counters and search text. */
  ticketChanges?: Partial<typeof tickets.$inferInsert>;
}

/**
 * Inserts the message row and links its uploads; the ticket's counters are the caller's.
 * `ticketId` may be an SQL expression (a new ticket draws its id here: `nextval(…)`).
 */
export async function insertMessageRow(ctx: Ctx, ticketId: number | SQL, m: NewMessage): Promise<MessageRow> {
  const [row] = await ctx.db
    .insert(messages)
    .values({
      workspaceId: ctx.workspaceId,
      ticketId,
      kind: m.kind,
      authorId: ctx.actor?.id ?? null,
      authorKind: m.authorKind,
      authorName: m.authorName,
      bodyHtml: m.bodyHtml,
      direction: m.direction,
      cc: m.cc ?? [],
      bcc: m.bcc ?? [],
      emailMessageId: m.emailMessageId ?? null,
      transition: m.transition ?? null,
      ...(m.deliveryStatus ? { deliveryStatus: m.deliveryStatus } : {}),
      createdAt: ctx.deps.clock.now(),
    })
    .returning();
  await claimAttachments(ctx, m.attachmentIds ?? [], row.ticketId, row.id);
  return row;
}

/**
 * Stores a message and, in one more statement, keeps the ticket's counters, timestamps and
 * search vectors current (replies into the public vector, notes into the staff one); answers
 * the ticket row as it is now.
 */
export async function insertMessage(
  ctx: Ctx,
  ticket: TicketRow,
  m: NewMessage,
): Promise<{ row: TicketRow; message: MessageRow }> {
  const now = ctx.deps.clock.now();
  const message = await insertMessageRow(ctx, ticket.id, m);
  const text = htmlToText(m.bodyHtml);
  const isNote = m.kind === 'note';
  // Prepared under its text (one per set of changed columns, replies and notes apart): planning
  // it cost 1.0 ms a reply, more than running it (bench/README.md, "A reply and a creation in
  // fewer round trips").
  const [row] = (await runPrepared(
    ctx.db
      .update(tickets)
      .set({
        ...(m.ticketChanges ?? {}),
        messageCount: isNote ? undefined : sql`${tickets.messageCount} + 1`,
        noteCount: isNote ? sql`${tickets.noteCount} + 1` : undefined,
        searchPublic: isNote ? undefined : sql`${tickets.searchPublic} || ${tsvectorOf(ctx.workspaceId, text)}`,
        searchNotes: isNote ? sql`${tickets.searchNotes} || ${tsvectorOf(ctx.workspaceId, text)}` : undefined,
        lastMessageAt: isNote ? undefined : now,
        updatedAt: now,
      })
      .where(inWorkspace(tickets, ctx, eq(tickets.id, ticket.id)))
      .returning(TICKET_COLUMNS),
  )) as TicketRow[];
  return { row, message };
}
