import { sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { insertMessage, type MessageRow, type NewMessage } from './insert-message';
import { normalizeText, tsvectorOf } from './search-text';
import { TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { announce, logTicketEvent } from './ticket-events';

/** Takes the next number of the workspace; the counter's row lock serialises concurrent creators. */
export async function nextTicketNumber(ctx: Ctx): Promise<number> {
  const [row] = await queryRows<{ last_number: number }>(
    ctx.db,
    sql`insert into ticket_counters (workspace_id, last_number) values (${ctx.workspaceId}, 1)
        on conflict (workspace_id) do update set last_number = ticket_counters.last_number + 1
        returning last_number`,
  );
  return Number(row.last_number);
}

/** What the opener decides; the number, clocks and search columns are derived here. */
export type NewTicket = Omit<
  typeof tickets.$inferInsert,
  'id' | 'workspaceId' | 'number' | 'subjectNorm' | 'searchPublic' | 'searchNotes' | 'createdAt' | 'updatedAt' | 'statusChangedAt' | 'waitingSince' | 'closedAt'
> & { status: NonNullable<(typeof tickets.$inferInsert)['status']>; priority: NonNullable<(typeof tickets.$inferInsert)['priority']> };

/**
 * Opens a ticket with its first message, in the caller's transaction: the one path shared by
 * members, staff and guests, so numbering, search text, the event log and live/notification
 * announcements are the same whoever writes.
 */
export async function insertTicket(ctx: Ctx, t: NewTicket, first: NewMessage): Promise<{ row: TicketRow; message: MessageRow }> {
  const now = ctx.deps.clock.now();
  const number = await nextTicketNumber(ctx);
  const [row] = (await ctx.db
    .insert(tickets)
    .values({
      ...t,
      workspaceId: ctx.workspaceId,
      number,
      waitingSince: t.status === 'active' ? now : null,
      statusChangedAt: now,
      closedAt: t.status === 'closed' ? now : null,
      subjectNorm: normalizeText(t.subject),
      searchPublic: tsvectorOf(t.subject),
      createdAt: now,
      updatedAt: now,
    })
    .returning(TICKET_COLUMNS)) as TicketRow[];
  const message = await insertMessage(ctx, row, first);
  await logTicketEvent(ctx, row.id, 'created', { status: t.status, priority: t.priority, departmentId: String(t.departmentId), internal: row.internal });
  await announce(ctx, row, 'ticket.created', { kind: 'reply', messageId: message.id });
  return { row, message };
}
