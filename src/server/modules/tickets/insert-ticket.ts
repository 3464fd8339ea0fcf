import { sql } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { insertMessage, type MessageRow, type NewMessage } from './insert-message';
import { normalizeText, tsvectorOf } from './search-text';
import { TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { logTicketEvent, notifyLive, queueNotification } from './ticket-events';

/**
 * Gives a ticket (inserted earlier in this transaction with a provisional number) the next
 * number of its workspace, in one statement. The counter's row lock serialises concurrent
 * creators and is held from here to commit, so this runs last: the lock is then held for
 * about one round trip, not for the whole creation.
 */
export async function assignTicketNumber(ctx: Ctx, ticketId: number): Promise<number> {
  const [row] = await queryRows<{ number: number }>(
    ctx.db,
    sql`with counter as (
          insert into ticket_counters (workspace_id, last_number) values (${ctx.workspaceId}, 1)
          on conflict (workspace_id) do update set last_number = ticket_counters.last_number + 1
          returning last_number)
        update tickets set number = (select last_number from counter)
        where id = ${ticketId} and workspace_id = ${ctx.workspaceId}
        returning number`,
  );
  return Number(row.number);
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
export async function insertTicket(ctx: Ctx, t: NewTicket, first: NewMessage, event: { via?: 'email' | 'import' } = {}): Promise<{ row: TicketRow; message: MessageRow }> {
  const now = ctx.deps.clock.now();
  // The real number comes last (assignTicketNumber); until then the row carries its own id,
  // negated, which no other ticket can hold.
  const [{ id }] = await queryRows<{ id: number }>(ctx.db, sql`select nextval(pg_get_serial_sequence('tickets', 'id'))::bigint as id`);
  const [inserted] = (await ctx.db
    .insert(tickets)
    .overridingSystemValue()
    .values({
      ...t,
      id: Number(id),
      workspaceId: ctx.workspaceId,
      number: -Number(id),
      waitingSince: t.status === 'active' ? now : null,
      statusChangedAt: now,
      closedAt: t.status === 'closed' ? now : null,
      subjectNorm: normalizeText(t.subject),
      searchPublic: tsvectorOf(t.subject),
      createdAt: now,
      updatedAt: now,
    })
    .returning(TICKET_COLUMNS)) as TicketRow[];
  const message = await insertMessage(ctx, inserted, first);
  await logTicketEvent(ctx, inserted.id, 'created', { status: t.status, priority: t.priority, departmentId: String(t.departmentId), internal: inserted.internal, ...event });
  await queueNotification(ctx, inserted.id, 'ticket.created', { kind: 'reply', messageId: message.id });
  const number = await assignTicketNumber(ctx, inserted.id);
  const row = { ...inserted, number, messageCount: first.kind === 'note' ? 0 : 1, noteCount: first.kind === 'note' ? 1 : 0, updatedAt: now, lastMessageAt: now };
  await notifyLive(ctx, row, 'ticket.created', { kind: 'reply', messageId: message.id }, []);
  return { row, message };
}
