import { and, asc, eq, sql } from 'drizzle-orm';
import { messages, ticketParticipants, tickets } from '../../../../db/schema';
import type { TStatus } from '../../../../contracts/tickets';
import type { Ctx } from '../../../platform/context';
import { runPrepared } from '../../../platform/db/prepared';
import { inWorkspace } from '../../../platform/db/scope';
import { normalizeText } from '../search-text';
import { TICKET_COLUMNS, type TicketRow } from '../ticket-access';
import { announce, logTicketEvent, type NotableChanges } from '../ticket-events';
import { rebuildSearch } from './search-index';
import { insertMessageRow, type MessageRow, type NewMessage } from './message-row';
import { htmlToText } from '../../../platform/html';
import { tsvectorOf } from '../search-text';
import { queueSlaChecks, slaChanges } from '../../sla';
import { pickAssignee } from '../../departments';
import { withSubstitutes } from './assignment';

/** What may change on a ticket; absent fields stay as they are. Ids already validated. */
export interface TicketChange {
  subject?: string;
  /** Sanitised HTML of the opening message. */
  bodyHtml?: string;
  departmentId?: number;
  typeId?: number | null;
  priority?: TicketRow['priority'];
  status?: TStatus;
  assigneeIds?: number[];
  pinned?: boolean;
  /** Tag ids, with the names the event records. */
  tags?: { ids: number[]; names: string[] };
  deleted?: boolean;
  /** Replaces the whole list — under the row lock, so never from a stale read. */
  followerIds?: number[];
  sharedWithIds?: number[];
  /** The actor's own "don't notify me" (C23). */
  notify?: boolean;
  /** E2: a workflow step — the new workflow status, and what the event log records of it. */
  transition?: { to: string; event: Record<string, unknown> };
  /** E2: departments whose people are told of this change (a workflow step's `notify` action). */
  notifyDepartments?: number[];
}

type Event = [kind: string, data: Record<string, unknown>];

/**
 * Changes a ticket the caller locked (`lockTicket`) in its transaction: the one place where a
 * ticket's fields move (HTTP edit, bulk, lock/unlock, delete/restore, assign-to-me). Keeps the
 * status clocks right, rebuilds the search text when the subject or opening message changes,
 * writes one event per change and announces the result once. Answers the row as it now is.
 */
export async function changeTicket(
  tx: Ctx,
  ticket: TicketRow,
  c: TicketChange,
  opts: {
    self?: boolean;
    /** Columns written with the change (an SLA breach's record), logged by the caller. */
    alsoSet?: Partial<typeof tickets.$inferInsert>;
    /**
     * A reply that goes with the change (a workflow step's entry, E2): stored, counted and made
     * searchable in the change's own UPDATE — one new version of the row, not two.
     */
    withMessage?: NewMessage;
  } = {},
): Promise<{ row: TicketRow; changed: boolean; message?: MessageRow }> {
  const now = tx.deps.clock.now();
  const actorId = tx.actor?.id ?? null;
  const set: Partial<typeof tickets.$inferInsert> = {};
  const events: Event[] = [];
  const change = <K extends keyof TicketRow>(key: K, value: TicketRow[K], event: string, data = {}) => {
    if (JSON.stringify(ticket[key]) === JSON.stringify(value)) return false;
    (set as Record<string, unknown>)[key] = value;
    events.push([event, data]);
    return true;
  };
  if (
    c.subject !== undefined &&
    change('subject', c.subject, 'subject_changed', { from: ticket.subject, to: c.subject })
  )
    set.subjectNorm = normalizeText(c.subject);
  if (c.priority) change('priority', c.priority, 'priority_changed', { from: ticket.priority, to: c.priority });
  if (c.typeId !== undefined)
    change('typeId', c.typeId, 'type_changed', {
      from: ticket.typeId && String(ticket.typeId),
      to: c.typeId && String(c.typeId),
    });
  if (c.departmentId)
    change('departmentId', c.departmentId, 'transferred', {
      from: String(ticket.departmentId),
      to: String(c.departmentId),
    });
  if (c.pinned !== undefined) change('pinned', c.pinned, c.pinned ? 'pinned' : 'unpinned');
  // Issue 20: newly assigned people who are away pass it to their substitutes; a ticket moved to
  // another department without anyone left on it gets that department's automatic assignment.
  let assigneeIds = c.assigneeIds;
  const how: Record<string, unknown> = opts.self ? { self: true } : {};
  if (assigneeIds?.length && !opts.self) {
    const given = await withSubstitutes(tx, assigneeIds, ticket.assigneeIds);
    assigneeIds = given.ids;
    if (given.substitutions.length) how.substitutions = given.substitutions;
  }
  const movedTo = c.departmentId && c.departmentId !== ticket.departmentId ? c.departmentId : null;
  if (movedTo && !(assigneeIds ?? ticket.assigneeIds).length && (c.status ?? ticket.status) !== 'closed') {
    const picked = await pickAssignee(tx, movedTo);
    if (picked) {
      assigneeIds = [picked];
      how.auto = true;
    }
  }
  if (assigneeIds) {
    const ids = [...new Set(assigneeIds)].sort((a, b) => a - b);
    change('assigneeIds', ids, 'assigned', {
      from: ticket.assigneeIds.map(String),
      to: ids.map(String),
      ...how,
    });
  }
  if (c.tags) change('tagIds', c.tags.ids, 'tags_changed', { tags: c.tags.names });
  if (c.status && change('status', c.status, 'status_changed', { from: ticket.status, to: c.status })) {
    set.statusChangedAt = now;
    set.closedAt = c.status === 'closed' ? now : null;
    set.waitingSince = c.status === 'active' ? (ticket.waitingSince ?? now) : null;
  }
  if (c.transition) {
    set.workflowStatus = c.transition.to;
    events.unshift(['transition', c.transition.event]);
  }
  if (c.deleted !== undefined && c.deleted !== !!ticket.deletedAt) {
    Object.assign(set, c.deleted ? { deletedAt: now, deletedById: actorId } : { deletedAt: null, deletedById: null });
    events.push([c.deleted ? 'deleted' : 'restored', {}]);
  }
  let bodyChanged = false;
  if (c.bodyHtml !== undefined) {
    const [first] = await tx.db
      .select({ id: messages.id, bodyHtml: messages.bodyHtml })
      .from(messages)
      .where(and(inWorkspace(messages, tx, eq(messages.ticketId, ticket.id), eq(messages.kind, 'reply'))))
      .orderBy(asc(messages.id))
      .limit(1);
    if (first && first.bodyHtml !== c.bodyHtml) {
      await tx.db.update(messages).set({ bodyHtml: c.bodyHtml, editedAt: now }).where(eq(messages.id, first.id));
      events.push(['body_changed', {}]);
      bodyChanged = true;
    }
  }
  if (c.followerIds) {
    await setParticipants(tx, ticket.id, 'follower', c.followerIds);
    events.push(['followers_changed', { to: [...new Set(c.followerIds)].map(String) }]);
  }
  if (c.sharedWithIds) {
    await setParticipants(tx, ticket.id, 'shared', c.sharedWithIds);
    events.push(['shared', { with: [...new Set(c.sharedWithIds)].map(String) }]);
  }
  if (c.notify !== undefined && actorId !== null) {
    await tx.db.execute(sql`insert into ticket_participants (workspace_id, ticket_id, user_id, kind, notify, created_at)
      values (${tx.workspaceId}, ${ticket.id}, ${actorId}, 'notify_pref', ${c.notify}, ${now})
      on conflict (ticket_id, user_id, kind) do update set notify = excluded.notify`);
  }
  if (!events.length && c.notify === undefined && !opts.withMessage) return { row: ticket, changed: false };
  let message: MessageRow | undefined;
  if (opts.withMessage) {
    message = await insertMessageRow(tx, ticket.id, opts.withMessage);
    const text = htmlToText(opts.withMessage.bodyHtml);
    Object.assign(set as Record<string, unknown>, {
      messageCount: sql`${tickets.messageCount} + 1`,
      lastMessageAt: now,
      ...(text ? { searchPublic: sql`${tickets.searchPublic} || ${tsvectorOf(tx.workspaceId, text)}` } : {}),
    });
    if (c.transition) c.transition.event.messageId = String(message.id);
  }
  // E3: what decides the SLA (policy match, pause, closing) may have moved.
  const slaMoves = ['status', 'departmentId', 'priority', 'typeId'].some((k) => k in set);
  const sla = slaMoves ? await slaChanges(tx, { ...ticket, ...set } as TicketRow, now) : null;
  // Prepared under its text (one per set of changed columns): planning it cost 1.1 ms a reply,
  // as much as running it (bench/README.md, "Plans kept").
  const [row] = (await runPrepared(
    tx.db
      .update(tickets)
      .set({ ...opts.alsoSet, ...set, ...sla, updatedAt: now })
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)))
      .returning(TICKET_COLUMNS),
  )) as TicketRow[];
  await queueSlaChecks(tx, ticket.id, ticket, sla, now);
  if (set.subject !== undefined || bodyChanged) await rebuildSearch(tx, row, { public: true });
  for (const [kind, data] of events) await logTicketEvent(tx, ticket.id, kind, data);
  if (events.length) await announce(tx, row, 'ticket.updated', { changes: notable(ticket, row, c.notifyDepartments) });
  return { row, changed: events.length > 0, message };
}

/** What of a change people are told of: a new status, new assignees, a new department. */
function notable(before: TicketRow, after: TicketRow, notifyDepartments?: number[]): NotableChanges | undefined {
  const c: NotableChanges = {};
  if (notifyDepartments?.length) c.notifyDepartments = notifyDepartments;
  if (before.status !== after.status) c.status = { from: before.status, to: after.status };
  if (before.priority !== after.priority) c.priority = { from: before.priority, to: after.priority };
  const added = after.assigneeIds.filter((id) => !before.assigneeIds.includes(id));
  if (added.length) c.assigned = added.map(Number);
  if (before.departmentId !== after.departmentId) c.transferredTo = Number(after.departmentId);
  return Object.keys(c).length ? c : undefined;
}

/** Replaces the followers or the people it is shared with (the caller holds the row lock). */
async function setParticipants(tx: Ctx, ticketId: number, kind: 'follower' | 'shared', ids: number[]) {
  await tx.db
    .delete(ticketParticipants)
    .where(
      inWorkspace(ticketParticipants, tx, eq(ticketParticipants.ticketId, ticketId), eq(ticketParticipants.kind, kind)),
    );
  const unique = [...new Set(ids)];
  if (unique.length)
    await tx.db.insert(ticketParticipants).values(
      unique.map((userId) => ({
        workspaceId: tx.workspaceId,
        ticketId,
        userId,
        kind,
        createdAt: tx.deps.clock.now(),
      })),
    );
}

/**
 * One person starts or stops following (C13), touching only their own row: two people
 * following at once both end up followers. Idempotent: no change, no event.
 */
export async function setFollowing(tx: Ctx, ticket: TicketRow, userId: number, on: boolean): Promise<boolean> {
  const done = on
    ? await tx.db
        .insert(ticketParticipants)
        .values({
          workspaceId: tx.workspaceId,
          ticketId: ticket.id,
          userId,
          kind: 'follower',
          createdAt: tx.deps.clock.now(),
        })
        .onConflictDoNothing()
        .returning({ userId: ticketParticipants.userId })
    : await tx.db
        .delete(ticketParticipants)
        .where(
          inWorkspace(
            ticketParticipants,
            tx,
            eq(ticketParticipants.ticketId, ticket.id),
            eq(ticketParticipants.userId, userId),
            eq(ticketParticipants.kind, 'follower'),
          ),
        )
        .returning({ userId: ticketParticipants.userId });
  if (!done.length) return false;
  await logTicketEvent(tx, ticket.id, on ? 'followed' : 'unfollowed', { userId: String(userId) });
  await announce(tx, ticket, 'ticket.updated');
  return true;
}
