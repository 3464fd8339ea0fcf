import { eq, sql } from 'drizzle-orm';
import { files, messages, tickets } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import type { TicketRow } from '../ticket-access';
import { logTicketEvent, notifyLive } from '../ticket-events';
import type { MessageRow } from './message-row';
import { rebuildSearch } from './search-index';

const vectorOf = (kind: MessageRow['kind']) => (kind === 'note' ? { notes: true } : { public: true });

/**
 * Changes a message's text on a ticket the caller locked, and rebuilds the ticket's search
 * text from what it now says: the old words are no longer found (issue 11, point 3).
 */
export async function editMessage(
  tx: Ctx,
  ticket: TicketRow,
  m: MessageRow,
  change: { bodyHtml: string; direction?: MessageRow['direction'] },
): Promise<MessageRow> {
  const [row] = await tx.db
    .update(messages)
    .set({ bodyHtml: change.bodyHtml, direction: change.direction ?? m.direction, editedAt: tx.deps.clock.now() })
    .where(inWorkspace(messages, tx, eq(messages.id, m.id)))
    .returning();
  await rebuildSearch(tx, ticket, vectorOf(m.kind));
  await logTicketEvent(tx, ticket.id, m.kind === 'note' ? 'note_edited' : 'message_edited', {
    messageId: String(m.id),
  });
  await notifyLive(tx, ticket, 'ticket.updated');
  return row;
}

/** Removes a message from a locked ticket: its counter, its words in search, its files' link. */
export async function removeMessage(tx: Ctx, ticket: TicketRow, m: MessageRow): Promise<void> {
  await tx.db
    .update(files)
    .set({ messageId: null, ticketId: null })
    .where(inWorkspace(files, tx, eq(files.messageId, m.id)));
  await tx.db.delete(messages).where(inWorkspace(messages, tx, eq(messages.id, m.id)));
  await tx.db
    .update(tickets)
    .set(
      m.kind === 'note'
        ? { noteCount: sql`greatest(${tickets.noteCount} - 1, 0)` }
        : { messageCount: sql`greatest(${tickets.messageCount} - 1, 0)` },
    )
    .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)));
  await rebuildSearch(tx, ticket, vectorOf(m.kind));
  await logTicketEvent(tx, ticket.id, m.kind === 'note' ? 'note_deleted' : 'message_deleted', {
    messageId: String(m.id),
  });
  await notifyLive(tx, ticket, 'ticket.updated');
}
