import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { departments, messages, ticketParticipants, ticketTypes, tickets, users } from '../../../db/schema';
import type { TTicket, TUpdateTicket } from '../../../contracts/tickets';
import type { Permission } from '../../../contracts/permissions';
import { withTx, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, Invalid, InvalidField, type Msg } from '../../platform/errors';
import { hasContent, sanitizeRichText } from '../../platform/html';
import { can } from '../../platform/http/access';
import { findVisibleTicket, isStaffActor, TICKET_COLUMNS, type TicketRow } from './ticket-access';
import { announce, logTicketEvent } from './ticket-events';
import { ticketDetails } from './ticket-details';
import { tagIdsFor } from './ticket-mapper';
import { normalizeText } from './search-text';

/** Which permission each field needs (C10, C13). */
const FIELD_PERMISSION: Record<string, Permission> = {
  subject: 'tickets.edit',
  body: 'tickets.edit',
  typeId: 'tickets.edit',
  priority: 'tickets.edit',
  status: 'tickets.edit',
  pinned: 'tickets.edit',
  tags: 'tickets.edit',
  departmentId: 'tickets.transfer',
  assigneeIds: 'tickets.assign',
  followerIds: 'tickets.assign',
};

async function checkRefs(ctx: Ctx, input: TUpdateTicket) {
  const fields: Record<string, Msg> = {};
  if (input.departmentId) {
    const [d] = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(inWorkspace(departments, ctx, eq(departments.id, input.departmentId), eq(departments.active, true)));
    if (!d) fields.departmentId = { key: 'validation.unknown_department' };
  }
  if (input.typeId) {
    const [ty] = await ctx.db
      .select({ id: ticketTypes.id })
      .from(ticketTypes)
      .where(inWorkspace(ticketTypes, ctx, eq(ticketTypes.id, input.typeId)));
    if (!ty) fields.typeId = { key: 'validation.unknown_ticket_type' };
  }
  for (const [field, role] of [
    ['assigneeIds', 'staff'],
    ['followerIds', 'staff'],
    ['sharedWithIds', 'customer'],
  ] as const) {
    const ids = [...new Set(input[field] ?? [])];
    if (!ids.length) continue;
    const roleCond = role === 'staff' ? ne(users.role, 'customer') : eq(users.role, 'customer');
    const found = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(inWorkspace(users, ctx, inArray(users.id, ids), roleCond, isNull(users.deletedAt)));
    if (found.length !== ids.length)
      fields[field] = { key: role === 'staff' ? 'validation.unknown_agent' : 'validation.unknown_customer' };
  }
  if (Object.keys(fields).length) throw Invalid(fields);
}

async function setParticipants(ctx: Ctx, ticketId: number, kind: 'follower' | 'shared', ids: number[]) {
  await ctx.db
    .delete(ticketParticipants)
    .where(
      inWorkspace(
        ticketParticipants,
        ctx,
        eq(ticketParticipants.ticketId, ticketId),
        eq(ticketParticipants.kind, kind),
      ),
    );
  const unique = [...new Set(ids)];
  if (unique.length)
    await ctx.db
      .insert(ticketParticipants)
      .values(
        unique.map((userId) => ({
          workspaceId: ctx.workspaceId,
          ticketId,
          userId,
          kind,
          createdAt: ctx.deps.clock.now(),
        })),
      );
}

/**
 * C10, C13, C23: staff edit fields by permission; a customer may close its own ticket, share
 * it with other customers, and say "don't notify me". Each change writes its own event.
 */
export async function updateTicket({
  ctx,
  number,
  input,
}: {
  ctx: Ctx;
  number: number;
  input: TUpdateTicket;
}): Promise<TTicket> {
  const ticket = await findVisibleTicket(ctx, number);
  const actor = ctx.actor!;
  const staff = isStaffActor(actor);
  if (staff) {
    for (const [field, perm] of Object.entries(FIELD_PERMISSION))
      if (input[field as keyof TUpdateTicket] !== undefined && !can(actor, perm)) throw Forbidden();
  } else {
    const allowed = ['status', 'sharedWithIds', 'notify'];
    const fields: Record<string, Msg> = {};
    for (const k of Object.keys(input))
      if (input[k as keyof TUpdateTicket] !== undefined && !allowed.includes(k))
        fields[k] = { key: 'validation.staff_only' };
    if (input.status && input.status !== 'closed') fields.status = { key: 'validation.customer_close_only' };
    if ((input.sharedWithIds || input.status) && ticket.requesterId !== actor.id) throw Forbidden();
    if (Object.keys(fields).length) throw Invalid(fields);
  }
  await checkRefs(ctx, input);
  let bodyHtml: string | undefined;
  if (input.body !== undefined) {
    bodyHtml = sanitizeRichText(input.body);
    if (!hasContent(bodyHtml)) throw InvalidField('body', 'validation.required');
  }

  return withTx(ctx, async (tx) => {
    const now = tx.deps.clock.now();
    const set: Partial<typeof tickets.$inferInsert> = { updatedAt: now };
    const events: [string, Record<string, unknown>][] = [];
    const change = <K extends keyof TicketRow>(
      key: K,
      value: TicketRow[K],
      event: string,
      data: Record<string, unknown>,
    ) => {
      if (JSON.stringify(ticket[key]) === JSON.stringify(value)) return;
      (set as Record<string, unknown>)[key] = value;
      events.push([event, data]);
    };
    if (input.subject !== undefined) {
      change('subject', input.subject, 'subject_changed', { from: ticket.subject, to: input.subject });
      set.subjectNorm = normalizeText(input.subject);
    }
    if (input.priority)
      change('priority', input.priority, 'priority_changed', { from: ticket.priority, to: input.priority });
    if (input.typeId !== undefined)
      change('typeId', input.typeId, 'type_changed', {
        from: ticket.typeId && String(ticket.typeId),
        to: input.typeId && String(input.typeId),
      });
    if (input.departmentId)
      change('departmentId', input.departmentId, 'transferred', {
        from: String(ticket.departmentId),
        to: String(input.departmentId),
      });
    if (input.pinned !== undefined) change('pinned', input.pinned, input.pinned ? 'pinned' : 'unpinned', {});
    if (input.assigneeIds) {
      const ids = [...new Set(input.assigneeIds)].sort((a, b) => a - b);
      change('assigneeIds', ids, 'assigned', { from: ticket.assigneeIds.map(String), to: ids.map(String) });
    }
    if (input.tags) {
      const ids = await tagIdsFor(tx, input.tags);
      change('tagIds', ids, 'tags_changed', { tags: input.tags });
    }
    if (input.status && input.status !== ticket.status) {
      change('status', input.status, 'status_changed', { from: ticket.status, to: input.status });
      set.statusChangedAt = now;
      set.closedAt = input.status === 'closed' ? now : null;
      set.waitingSince = input.status === 'active' ? (ticket.waitingSince ?? now) : null;
    }
    if (bodyHtml !== undefined) {
      const [first] = await tx.db
        .select({ id: messages.id })
        .from(messages)
        .where(and(inWorkspace(messages, tx, eq(messages.ticketId, ticket.id), eq(messages.kind, 'reply'))))
        .orderBy(messages.id)
        .limit(1);
      if (first) await tx.db.update(messages).set({ bodyHtml, editedAt: now }).where(eq(messages.id, first.id));
      events.push(['body_changed', {}]);
    }
    if (input.followerIds) {
      await setParticipants(tx, ticket.id, 'follower', input.followerIds);
      events.push(['followers_changed', { to: input.followerIds.map(String) }]);
    }
    if (input.sharedWithIds) {
      await setParticipants(tx, ticket.id, 'shared', input.sharedWithIds);
      events.push(['shared', { with: input.sharedWithIds.map(String) }]);
    }
    if (input.notify !== undefined) {
      // "Don't notify me" (C23) is kept per person on its participation row.
      await tx.db
        .execute(sql`insert into ticket_participants (workspace_id, ticket_id, user_id, kind, notify, created_at)
        values (${tx.workspaceId}, ${ticket.id}, ${actor.id}, 'notify_pref', ${input.notify}, ${now})
        on conflict (ticket_id, user_id, kind) do update set notify = excluded.notify`);
    }
    await tx.db
      .update(tickets)
      .set(set)
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)));
    for (const [kind, data] of events) await logTicketEvent(tx, ticket.id, kind, data);
    const [fresh] = await tx.db.select(TICKET_COLUMNS).from(tickets).where(eq(tickets.id, ticket.id));
    if (events.length) await announce(tx, fresh, 'ticket.updated');
    return ticketDetails(tx, fresh);
  });
}
