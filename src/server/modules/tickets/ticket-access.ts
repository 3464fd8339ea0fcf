import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { Permission } from '../../../contracts/permissions';
import type { TicketRef } from '../../../contracts/tickets';
import type { Actor, Ctx } from '../../platform/context';
import { runPrepared } from '../../platform/db/prepared';
import { inWorkspace } from '../../platform/db/scope';
import { Forbidden, NotFound } from '../../platform/errors';
import { can, requireActor } from '../../platform/http/access';

// Every column but the search vectors, which are large and only ever read by the database.
const { searchPublic: _sp, searchNotes: _sn, ...ticketColumns } = getTableColumns(tickets);
export const TICKET_COLUMNS = ticketColumns;
export type TicketRow = Omit<typeof tickets.$inferSelect, 'searchPublic' | 'searchNotes'>;

/**
 * What a list shows of each ticket (toListItem) and no more: a page reads, sends and parses 19
 * columns instead of 34 (no cc/bcc arrays, no five more timestamps to make dates of).
 */
export const LIST_COLUMNS = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  departmentId: tickets.departmentId,
  typeId: tickets.typeId,
  requesterId: tickets.requesterId,
  requesterGroupId: tickets.requesterGroupId,
  guestName: tickets.guestName,
  guestEmail: tickets.guestEmail,
  assigneeIds: tickets.assigneeIds,
  tagIds: tickets.tagIds,
  messageCount: tickets.messageCount,
  waitingSince: tickets.waitingSince,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  pinned: tickets.pinned,
  internal: tickets.internal,
  deletedAt: tickets.deletedAt,
  deskId: tickets.deskId,
  deskNumber: tickets.deskNumber,
  requestTypeId: tickets.requestTypeId,
  workflowStatus: tickets.workflowStatus,
  slaPolicyId: tickets.slaPolicyId,
  slaFirstResponseDue: tickets.slaFirstResponseDue,
  slaNextResponseDue: tickets.slaNextResponseDue,
  slaResolutionDue: tickets.slaResolutionDue,
  slaNextDue: tickets.slaNextDue,
  slaPausedAt: tickets.slaPausedAt,
  slaBreached: tickets.slaBreached,
  slaState: tickets.slaState,
};
export type ListRow = Pick<TicketRow, keyof typeof LIST_COLUMNS>;

/** Agents see their departments' tickets unless `tickets.view_all`; admins see all. */
export const seesAllDepartments = (actor: Actor) => actor.role === 'admin' || actor.permissions.has('tickets.view_all');

/**
 * The SQL condition for "tickets this actor may see" (C13, C17, C18, C23, D1). Customers see
 * their own, those shared with them and those opened for one of their groups — never internal
 * ones; agents see their departments', those assigned to or followed by them, and internal
 * tickets addressed to them.
 */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.role === 'customer') {
    // Each branch is one an index serves (`= any(array(…))`, not exists/in), so that a
    // customer's list reads its own few tickets instead of the whole table (docs/queries.md).
    return sql`(${tickets.internal} = false and (${tickets.requesterId} = ${actor.id}
      or ${tickets.id} = any(array(select p.ticket_id from ticket_participants p where p.user_id = ${actor.id} and p.kind = 'shared'))
      or ${tickets.requesterGroupId} = any(array(select gm.group_id from group_members gm where gm.user_id = ${actor.id}))))`;
  }
  if (seesAllDepartments(actor)) return undefined;
  const deps = actor.departmentIds.length
    ? sql`${tickets.departmentId} in (${sql.join(
        actor.departmentIds.map((d) => sql`${d}`),
        sql`, `,
      )})`
    : sql`false`;
  return sql`(${deps} or ${actor.id} = any(${tickets.assigneeIds}) or ${tickets.requesterId} = ${actor.id}
    or exists (select 1 from ticket_participants p where p.ticket_id = ${tickets.id} and p.user_id = ${actor.id}))`;
}

/** Customers whose ticket access the admin switched off (A7) see no tickets at all. */
export function requireTicketAccess(ctx: Ctx): Actor {
  const actor = requireActor(ctx);
  if (actor.role === 'customer' && !actor.ticketAccess) throw Forbidden('errors.ticket_access_off');
  return actor;
}

/**
 * The condition for one ticket by its number or, for a desk request, its key (`SETIRAN-30`,
 * upper-cased by the contract's ZTicketRef): the desk's key index and the per-desk number index.
 */
export function ticketRefCondition(ctx: Ctx, ref: TicketRef): SQL {
  if (typeof ref === 'number') return eq(tickets.number, ref);
  const dash = ref.lastIndexOf('-');
  const key = ref.slice(0, dash);
  const n = Number(ref.slice(dash + 1));
  return and(
    eq(tickets.deskId, sql`(select d.id from desks d where d.workspace_id = ${ctx.workspaceId} and d.key = ${key})`),
    eq(tickets.deskNumber, n),
  )!;
}

/** The ticket with this number or key if the actor may see it; otherwise 404, as if it did not exist. */
export async function findVisibleTicket(
  ctx: Ctx,
  number: TicketRef,
  opts: { includeDeleted?: boolean; forUpdate?: boolean } = {},
): Promise<TicketRow> {
  const actor = requireTicketAccess(ctx);
  const deleted = opts.includeDeleted && actor.role !== 'customer' ? undefined : isNull(tickets.deletedAt);
  const q = ctx.db
    .select(TICKET_COLUMNS)
    .from(tickets)
    .where(and(inWorkspace(tickets, ctx, ticketRefCondition(ctx, number), deleted), visibleTo(actor)));
  // Prepared under its text (a few shapes: the reference's kind, the actor's visibility).
  const [row] = await runPrepared(opts.forUpdate ? q.for('update') : q);
  if (!row) throw NotFound('errors.ticket_not_found');
  return row;
}

/** A ticket permission, held in the ticket's department (or everywhere with view_all). */
export function requireTicketPermission(ctx: Ctx, ticket: TicketRow, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (!can(actor, permission)) throw Forbidden();
  return actor;
}

export const isStaffActor = (actor: Actor) => actor.role === 'admin' || actor.role === 'agent';
