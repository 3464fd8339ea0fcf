import { sql } from 'drizzle-orm';
import { idArray } from '../../platform/db/sql-ids';
import type { Role } from '../../../contracts/permissions';
import type { TNotificationEvent } from '../../../contracts/notifications';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { Locale } from '../../platform/i18n';
import type { TicketNotification } from '../tickets';

/** A person who may be told, as read for one job. */
export interface Person {
  id: number;
  role: Role;
  name: string;
  email: string | null;
  mobile: string | null;
  locale: Locale;
}

/** The ticket as the engine needs it. */
export interface NoticeTicket {
  id: number;
  number: number;
  subject: string;
  status: string;
  departmentId: number;
  departmentName: string;
  requesterId: number | null;
  guestEmail: string | null;
  guestName: string | null;
  assigneeIds: number[];
  internal: boolean;
  deleted: boolean;
}

/** One event for a set of people (`audience: staff` ones pass the seed-004 filter). */
export interface Notice {
  event: TNotificationEvent;
  audience: 'staff' | 'requester';
  people: number[];
  /** A guest requester has no account: e-mail only. */
  guestEmail?: string;
  /** The requester opened it themselves: the acknowledgement texts. */
  ack?: boolean;
  /** Sent together with a reply that is mailed anyway: no second e-mail. */
  noEmail?: boolean;
  /** The department named in the texts (a transfer's new one). */
  departmentName?: string;
}

export async function loadTicket(ctx: Ctx, ticketId: number): Promise<NoticeTicket | null> {
  const [row] = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select t.id, t.number, t.subject, t.status, t.department_id, d.name as department_name, t.requester_id,
      t.guest_email, t.guest_name, t.assignee_ids, t.internal, t.deleted_at is not null as deleted
      from tickets t join departments d on d.id = t.department_id
      where t.workspace_id = ${ctx.workspaceId} and t.id = ${ticketId}`,
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    number: Number(row.number),
    subject: String(row.subject),
    status: String(row.status),
    departmentId: Number(row.department_id),
    departmentName: String(row.department_name),
    requesterId: row.requester_id === null ? null : Number(row.requester_id),
    guestEmail: (row.guest_email as string | null) ?? null,
    guestName: (row.guest_name as string | null) ?? null,
    assigneeIds: ((row.assignee_ids as (string | number)[]) ?? []).map(Number),
    internal: Boolean(row.internal),
    deleted: Boolean(row.deleted),
  };
}

/** Active agents and admins of departments, by department, in one query. */
export async function departmentStaff(ctx: Ctx, departmentIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!departmentIds.length) return out;
  const rows = await queryRows<{ department_id: string; user_id: string }>(
    ctx.db,
    sql`select da.department_id, da.user_id from department_agents da join users u on u.id = da.user_id
      where u.workspace_id = ${ctx.workspaceId} and da.department_id = any(${idArray(departmentIds)})
      and u.role in ('agent', 'admin') and u.active and u.deleted_at is null`,
  );
  for (const r of rows) {
    const d = Number(r.department_id);
    out.set(d, [...(out.get(d) ?? []), Number(r.user_id)]);
  }
  return out;
}

/** Followers, and who said "don't notify me" (C23) on this ticket. */
export async function participantsOf(ctx: Ctx, ticketId: number) {
  const rows = await queryRows<{ user_id: string; kind: string; notify: boolean | null }>(
    ctx.db,
    sql`select user_id, kind, notify from ticket_participants where ticket_id = ${ticketId}
      and kind in ('follower', 'notify_pref')`,
  );
  return {
    followers: rows.filter((r) => r.kind === 'follower').map((r) => Number(r.user_id)),
    muted: new Set(rows.filter((r) => r.kind === 'notify_pref' && r.notify === false).map((r) => Number(r.user_id))),
  };
}

/** The people, active and of this workspace, in one query. */
export async function peopleOf(ctx: Ctx, ids: number[]): Promise<Map<number, Person>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select id, role, name, username, email, mobile, locale from users
      where workspace_id = ${ctx.workspaceId} and id = any(${idArray(unique)}) and active and deleted_at is null
      and (role <> 'customer' or ticket_access)`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        role: r.role as Role,
        name: String(r.name || r.username),
        email: (r.email as string | null) || null,
        mobile: (r.mobile as string | null) || null,
        locale: r.locale === 'en' ? 'en' : 'fa',
      },
    ]),
  );
}

/**
 * Who hears of a change (issue 15): a new ticket → the assignees, else the department's agents,
 * and the requester who opened it an acknowledgement; a customer's or guest's reply → the
 * assignees and followers, else the department; an agent's reply → the requester; a new
 * assignee → them; a transfer → the assignees, else the new department; a status change by
 * staff or the system → the requester, by the customer → the assignees and followers.
 * The actor and the muted are removed by the caller.
 */
export async function noticesFor(
  ctx: Ctx,
  job: TicketNotification,
  ticket: NoticeTicket,
  actor: Person | null,
  followers: number[],
): Promise<Notice[]> {
  const byCustomer = !actor || actor.role === 'customer';
  const need = [
    ticket.departmentId,
    ...(job.changes?.transferredTo ? [job.changes.transferredTo] : []),
    ...(job.changes?.notifyDepartments ?? []),
  ];
  const staffOf = await departmentStaff(ctx, need);
  const handlers = () => (ticket.assigneeIds.length ? ticket.assigneeIds : (staffOf.get(ticket.departmentId) ?? []));
  const requester = (event: TNotificationEvent, extra: Partial<Notice> = {}): Notice[] => {
    if (ticket.internal) return [];
    if (ticket.requesterId) return [{ event, audience: 'requester', people: [ticket.requesterId], ...extra }];
    if (ticket.guestEmail)
      return [{ event, audience: 'requester', people: [], guestEmail: ticket.guestEmail, ...extra }];
    return [];
  };
  const out: Notice[] = [];
  if (job.type === 'ticket.created') {
    out.push({ event: 'ticketCreated', audience: 'staff', people: handlers() });
    // Guests already get their tracking link by mail (F4); a member gets the acknowledgement.
    if (ticket.requesterId && actor?.id === ticket.requesterId)
      out.push(...requester('ticketCreated', { ack: true }).filter((n) => n.people.length));
  } else if (job.type === 'message.created' && job.kind === 'reply') {
    if (byCustomer) {
      const involved = [...ticket.assigneeIds, ...followers];
      out.push({
        event: 'customerReplied',
        audience: 'staff',
        people: involved.length ? involved : (staffOf.get(ticket.departmentId) ?? []),
      });
    } else {
      // The reply itself goes out by mail (mail.reply): the other channels tell of it.
      out.push(...requester('agentReplied', { noEmail: true }).filter((n) => n.people.length));
      if (job.changes?.status) out.push(...requester('statusChanged', { noEmail: true }));
    }
  } else if (job.type === 'ticket.updated' && job.changes) {
    const c = job.changes;
    if (c.assigned?.length) out.push({ event: 'assigned', audience: 'staff', people: c.assigned });
    if (c.transferredTo) {
      const moved = staffOf.get(c.transferredTo) ?? [];
      out.push({
        event: 'transferred',
        audience: 'staff',
        people: ticket.assigneeIds.length ? ticket.assigneeIds : moved,
      });
    }
    // E3: an SLA warning or breach reaches the handlers (assignees, else the department) and
    // the people the policy names.
    if (c.sla)
      out.push({ event: c.sla.event, audience: 'staff', people: [...new Set([...handlers(), ...c.sla.people])] });
    // A workflow step's `notify` action (E2): the department's people hear of the new status.
    for (const dep of c.notifyDepartments ?? [])
      out.push({ event: 'statusChanged', audience: 'staff', people: staffOf.get(dep) ?? [] });
    // A trigger's `notify` action (K7): the people it names.
    if (c.notifyPeople?.length) out.push({ event: 'statusChanged', audience: 'staff', people: c.notifyPeople });
    if (c.status) {
      if (byCustomer && actor)
        out.push({ event: 'statusChanged', audience: 'staff', people: [...ticket.assigneeIds, ...followers] });
      else out.push(...requester('statusChanged'));
    }
  }
  // One change, one notice per staff member: the first that names them (a workflow step that
  // both transfers to a department and notifies it tells its people once). The requester's
  // notices stay as they are (a reply and the status it set are told together on purpose).
  const told = new Set<number>();
  const once = (n: Notice): Notice =>
    n.audience === 'staff' ? { ...n, people: n.people.filter((id) => !told.has(id) && (told.add(id), true)) } : n;
  return out.map(once).filter((n) => n.audience !== 'staff' || n.people.length);
}
