import { and, asc, eq } from 'drizzle-orm';
import { messages, tickets } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { inWorkspace } from '../../../platform/db/scope';
import { htmlToText } from '../../../platform/html';
import { tsvectorOfAll } from '../search-text';

/**
 * Rebuilds a ticket's search vectors from its current text, in the caller's transaction (which
 * holds the ticket row locked): after an edit or a deletion no old word stays findable.
 * `public`: the subject and the replies; `notes`: the notes (searched by staff only).
 */
export async function rebuildSearch(
  tx: Ctx,
  ticket: { id: number; subject: string; guestName?: string | null },
  which: { public?: boolean; notes?: boolean },
): Promise<void> {
  if (!which.public && !which.notes) return;
  const rows = await tx.db
    .select({ kind: messages.kind, bodyHtml: messages.bodyHtml })
    .from(messages)
    .where(inWorkspace(messages, tx, eq(messages.ticketId, ticket.id)))
    .orderBy(asc(messages.id));
  const textsOf = (kind: 'reply' | 'note') => rows.filter((r) => r.kind === kind).map((r) => htmlToText(r.bodyHtml));
  await tx.db
    .update(tickets)
    .set({
      // The guest's name stays findable by staff, as when the ticket was opened (open-ticket.ts).
      ...(which.public
        ? { searchPublic: tsvectorOfAll(tx.workspaceId, [ticket.subject, ...textsOf('reply'), ticket.guestName ?? '']) }
        : {}),
      ...(which.notes ? { searchNotes: tsvectorOfAll(tx.workspaceId, textsOf('note')) } : {}),
    })
    .where(and(inWorkspace(tickets, tx, eq(tickets.id, ticket.id))));
}
