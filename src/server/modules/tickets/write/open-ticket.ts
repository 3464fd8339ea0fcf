import { sql } from 'drizzle-orm';
import { tickets } from '../../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { queryRows } from '../../../platform/db/database';
import { runPrepared } from '../../../platform/db/prepared';
import { htmlToText } from '../../../platform/html';
import { normalizeText, tsvectorOf } from '../search-text';
import { TICKET_COLUMNS, type TicketRow } from '../ticket-access';
import {
  EVENTS_CHANNEL,
  liveEventOf,
  livePayload,
  logTicketEvent,
  notifyLive,
  queueNotification,
} from '../ticket-events';
import { forgetCounts } from '../count-cache';
import { insertMessageRow, type MessageRow, type NewMessage } from './message-row';
import { queueSlaChecks, slaChanges } from '../../sla';
import { assignsAutomatically, pickAssignee } from '../../departments';
import { withSubstitutes } from './assignment';

/**
 * The next number of the workspace, as SQL (next_ticket_number(), migration 0032: the counter's
 * upsert). The counter's row lock serialises concurrent creators and is held from there to
 * commit, so it is taken last: in the ticket's own INSERT, after which only its NOTIFY, the
 * caller's last statements and the commit follow while the lock is held (bench/README.md).
 */
const nextNumberSql = (ctx: Ctx) => sql`next_ticket_number(${ctx.workspaceId}::bigint)`;

/** Takes the next number of the workspace now (see nextNumberSql). */
export async function nextTicketNumber(ctx: Ctx): Promise<number> {
  const [row] = await queryRows<{ number: number }>(ctx.db, sql`select ${nextNumberSql(ctx)} as number`);
  return Number(row.number);
}

/** What the opener decides; the number, clocks and search columns are derived here. */
export type NewTicket = Omit<
  typeof tickets.$inferInsert,
  | 'id'
  | 'workspaceId'
  | 'number'
  | 'subjectNorm'
  | 'searchPublic'
  | 'searchNotes'
  | 'createdAt'
  | 'updatedAt'
  | 'statusChangedAt'
  | 'waitingSince'
  | 'closedAt'
> & {
  status: NonNullable<(typeof tickets.$inferInsert)['status']>;
  priority: NonNullable<(typeof tickets.$inferInsert)['priority']>;
};

/**
 * Opens a ticket with its first message, in the caller's transaction (or a bulk writer's, whose
 * `ctx.outbox` collects the job and the NOTIFY): the one path shared by members, staff, guests,
 * mail intake and import, so numbering, search text, the event log and live/notification
 * announcements are the same whoever writes.
 *
 * The ticket row is written once, complete (number, counters, search vectors): its id is
 * drawn by the message's insert, the message, event and notification job refer to it, and the
 * row itself goes in last, right after the number is taken. Every version of a `tickets` row
 * costs an entry in each of its indexes, so one insert instead of insert-then-two-updates matters.
 */
export async function openTicket(
  ctx: Ctx,
  t: NewTicket,
  first: NewMessage,
  event: { via?: 'email' | 'import' } = {},
): Promise<{ row: TicketRow; message: MessageRow }> {
  const now = ctx.deps.clock.now();
  const message = await insertMessageRow(ctx, sql`nextval(pg_get_serial_sequence('tickets', 'id'))`, first);
  const id = message.ticketId;
  const isNote = first.kind === 'note';
  const text = htmlToText(first.bodyHtml);
  await logTicketEvent(ctx, id, 'created', {
    status: t.status,
    priority: t.priority,
    departmentId: String(t.departmentId),
    internal: t.internal ?? false,
    ...event,
  });
  await queueNotification(ctx, id, 'ticket.created', { kind: 'reply', messageId: message.id });
  // E3: its SLA from the start (computed before the number is taken: nothing of it needs the lock).
  const sla = await slaChanges(
    ctx,
    {
      status: t.status,
      departmentId: t.departmentId,
      priority: t.priority,
      typeId: t.typeId ?? null,
      requestTypeId: t.requestTypeId ?? null,
      createdAt: now,
      lastAgentReplyAt: t.lastAgentReplyAt ?? null,
      waitingSince: t.status === 'active' ? now : null,
      slaPolicyId: null,
      slaPausedAt: null,
      slaPausedMinutes: 0,
      slaBreached: [],
    },
    now,
  );
  // Issue 20: given assignees who are away pass it to their substitutes; none given, the
  // department's automatic assignment (not for a ticket created closed, such as an old import).
  const given = t.assigneeIds?.length ? await withSubstitutes(ctx, t.assigneeIds) : null;
  const auto = !given && t.status !== 'closed' && (await assignsAutomatically(ctx, t.departmentId));
  // The SLA's check job needs the id only: queued before the counter's lock is taken.
  await queueSlaChecks(ctx, id, {}, sla, now);
  // Automatic assignment locks the department row (pickAssignee) after the counter, as every
  // creator takes the counter first; without it the number is taken by the INSERT itself.
  const number = auto ? await nextTicketNumber(ctx) : nextNumberSql(ctx);
  const picked = auto ? await pickAssignee(ctx, t.departmentId) : null;
  const assigneeIds = picked ? [picked] : (given?.ids ?? t.assigneeIds);
  // The live event goes out with the INSERT itself (its RETURNING calls pg_notify with the number
  // just taken): one round trip fewer while the counter is locked. A bulk writer's outbox sends it later.
  const live = liveEventOf(
    ctx,
    {
      id,
      workspaceId: ctx.workspaceId,
      number: 0,
      departmentId: first.ticketChanges?.departmentId ?? t.departmentId,
      requesterId: t.requesterId ?? null,
      requesterGroupId: t.requesterGroupId ?? null,
      assigneeIds: assigneeIds ?? [],
      internal: t.internal ?? false,
    },
    'ticket.created',
    { kind: 'reply', messageId: message.id },
  );
  const returning = ctx.outbox
    ? TICKET_COLUMNS
    : {
        ...TICKET_COLUMNS,
        notified: sql`pg_notify(${EVENTS_CHANNEL}, jsonb_set(${livePayload(ctx, live)}::jsonb, '{n}', to_jsonb(${tickets.number}))::text)`,
      };
  // Prepared under its text (a few shapes: which parts the search text has, SLA or not): its
  // planning cost 1.6 ms a creation (bench/README.md, "A reply and a creation in fewer round
  // trips").
  const [row] = (await runPrepared(
    ctx.db
      .insert(tickets)
      .overridingSystemValue()
      .values({
        ...t,
        ...(first.ticketChanges ?? {}),
        id,
        workspaceId: ctx.workspaceId,
        number,
        assigneeIds,
        waitingSince: t.status === 'active' ? now : null,
        statusChangedAt: now,
        closedAt: t.status === 'closed' ? now : null,
        subjectNorm: normalizeText(t.subject),
        messageCount: isNote ? 0 : 1,
        noteCount: isNote ? 1 : 0,
        // A guest's name is part of the public text: staff find guest tickets by it (issue 14).
        searchPublic: sql.join(
          [t.subject, ...[isNote ? '' : text, t.guestName ?? ''].filter(Boolean)].map((part) =>
            tsvectorOf(ctx.workspaceId, part),
          ),
          sql` || `,
        ),
        searchNotes: isNote ? tsvectorOf(ctx.workspaceId, text) : sql`''::tsvector`,
        lastMessageAt: isNote ? null : now,
        createdAt: now,
        updatedAt: now,
        ...sla,
      })
      .returning(returning),
  )) as TicketRow[];
  if (picked) await logTicketEvent(ctx, id, 'assigned', { from: [], to: [String(picked)], auto: true });
  else if (given?.substitutions.length)
    await logTicketEvent(ctx, id, 'assigned', {
      from: [],
      to: given.ids.map(String),
      substitutions: given.substitutions,
    });
  if (ctx.outbox) await notifyLive(ctx, row, 'ticket.created', { kind: 'reply', messageId: message.id }, []);
  else forgetCounts(ctx.deps.database, ctx.workspaceId);
  delete (row as { notified?: unknown }).notified;
  return { row, message };
}
