import { sql, type SQL } from 'drizzle-orm';
import { ticketEvents } from '../../../db/schema';
import type { Ctx } from '../../platform/context';
import type { TicketRow } from './ticket-access';
import { forgetCounts } from './count-cache';

export const EVENTS_CHANNEL = 'pishkhan_events';
export const NOTIFY_QUEUE = 'notify.ticket';

/** pg_notify payloads are limited to 8000 bytes; id lists are capped well below that. */
const MAX_IDS = 200;

/** `message.delivery`: how mailing a reply went (F3) — the ticket page refreshes, lists do not flag it. */
export type LiveType =
  'ticket.created' | 'ticket.updated' | 'message.created' | 'message.delivery' | 'notification.created';

/**
 * What travels over LISTEN/NOTIFY to every server process: enough to decide, per connected
 * person, whether they may see the ticket — and nothing of its content.
 */
export interface LiveEvent {
  type: LiveType;
  w: number; // workspace
  n: number; // ticket number
  d: number; // department
  r: number | null; // requester
  g: number | null; // requester group
  a: number[]; // assignees
  p: number[]; // participants (followers, shared)
  i: boolean; // internal
  k?: 'reply' | 'note'; // message kind
  m?: number; // message id
  by?: number | null; // actor
  u?: number[]; // addressed to these people only (a notification for their bell)
}

/**
 * Writes an event-log row (C21) in the caller's transaction — now, or with the outbox's NOTIFY
 * statement when the writer collects events (`outbox.events`).
 */
export async function logTicketEvent(ctx: Ctx, ticketId: number, kind: string, data: Record<string, unknown> = {}) {
  const event: typeof ticketEvents.$inferInsert = {
    workspaceId: ctx.workspaceId,
    ticketId,
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.name || ctx.actor?.username || ctx.automation?.name || '',
    kind,
    data,
    createdAt: ctx.deps.clock.now(),
  };
  if (ctx.outbox?.events) ctx.outbox.events.push(event);
  else await ctx.db.insert(ticketEvents).values(event);
}

/** The ticket fields a live event carries. */
export type LiveTicket = Pick<
  TicketRow,
  'id' | 'workspaceId' | 'number' | 'departmentId' | 'requesterId' | 'requesterGroupId' | 'assigneeIds' | 'internal'
>;

/** The event of a change to `ticket`; `p` (followers, sharers) as given, else filled in by `livePayload`. */
export function liveEventOf(
  ctx: Ctx,
  ticket: LiveTicket,
  type: LiveType,
  extra: { kind?: 'reply' | 'note'; messageId?: number } = {},
  participants: number[] = [],
): LiveEvent {
  return {
    type,
    w: ticket.workspaceId,
    n: ticket.number,
    d: ticket.departmentId,
    r: ticket.requesterId,
    g: ticket.requesterGroupId,
    a: ticket.assigneeIds.slice(0, MAX_IDS),
    p: participants,
    i: ticket.internal,
    k: extra.kind,
    m: extra.messageId,
    by: ctx.actor?.id ?? null,
  };
}

/**
 * The NOTIFY payload of `event` as SQL. With `ticketId` its `p` is read in the same statement:
 * followers and people it is shared with widen who may see it; a "don't notify me" row does not.
 */
export function livePayload(ctx: Ctx, event: LiveEvent, ticketId?: number): SQL {
  const json = JSON.stringify(event);
  if (ticketId === undefined) return sql`${json}`;
  return sql`jsonb_set(${json}::jsonb, '{p}', coalesce((select jsonb_agg(x.user_id) from (select user_id
      from ticket_participants where workspace_id = ${ctx.workspaceId} and ticket_id = ${ticketId}
        and kind in ('follower', 'shared') limit ${MAX_IDS}) x), '[]'::jsonb))::text`;
}

/**
 * The live half of an announcement: a NOTIFY, delivered at commit to every process — sent now,
 * or with the writer's others (`ctx.outbox`). One statement either way: the participants, when
 * not given, are read by it.
 */
export async function notifyLive(
  ctx: Ctx,
  ticket: LiveTicket,
  type: LiveType,
  extra: { kind?: 'reply' | 'note'; messageId?: number } = {},
  participants?: number[],
) {
  const payload = livePayload(
    ctx,
    liveEventOf(ctx, ticket, type, extra, participants),
    participants ? undefined : ticket.id,
  );
  if (ctx.outbox) ctx.outbox.notifies.push(payload);
  else await ctx.db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
  forgetCounts(ctx.deps.database, ticket.workspaceId);
}

/** What a change did that people are told of (notifications/recipients.ts). */
export interface NotableChanges {
  status?: { from: string; to: string };
  /** People newly assigned. */
  assigned?: number[];
  /** The department it moved to. */
  transferredTo?: number;
  /** Departments to tell (a workflow step's `notify` action, E2). */
  notifyDepartments?: number[];
  /** K7: people to tell (a trigger's `notify` action). */
  notifyPeople?: number[];
  /** K7: the priority moved (triggers' `changed` conditions; nobody is told of it). */
  priority?: { from: string; to: string };
  /** E3: an SLA warning or breach; `people` besides the ticket's handlers (a policy's notify list). */
  sla?: { event: 'slaWarning' | 'slaBreached'; people: number[]; targets?: string[] };
}

/** A change as the ticket-event sinks see it (issue 20: triggers, webhooks, satisfaction surveys). */
export interface TicketEvent {
  ticketId: number;
  type: LiveType;
  kind?: 'reply' | 'note';
  messageId?: number;
  changes?: NotableChanges;
}

/**
 * Called inside the writer's transaction for every announced change (after the notification job
 * is queued), so a sink's own jobs commit — or roll back — with the change. A sink only decides
 * and enqueues (ctx.outbox when the writer collects, else ctx.deps.jobs.send with executor
 * ctx.db); the work itself runs in its job. Registered once per process by the composition root
 * (app.ts), never by a module on import.
 */
export type TicketEventSink = (ctx: Ctx, event: TicketEvent) => Promise<void>;
const sinks = new Set<TicketEventSink>();
export function addTicketEventSink(sink: TicketEventSink) {
  sinks.add(sink);
}

/** The lasting half: a notification job, delivered later with retries. */
export async function queueNotification(
  ctx: Ctx,
  ticketId: number,
  type: LiveType,
  extra: { kind?: 'reply' | 'note'; messageId?: number; changes?: NotableChanges } = {},
) {
  const data = { workspaceId: ctx.workspaceId, ticketId, type, actorId: ctx.actor?.id ?? null, ...extra };
  if (ctx.outbox) ctx.outbox.jobs.push({ name: NOTIFY_QUEUE, data });
  else await ctx.deps.jobs.send(NOTIFY_QUEUE, data, { executor: ctx.db });
  for (const sink of sinks) await sink(ctx, { ticketId, type, ...extra });
}

/** Sends what a bulk writer collected (`ctx.outbox`): one job insert and one NOTIFY statement. */
export async function flushOutbox(ctx: Ctx): Promise<void> {
  const box = ctx.outbox;
  if (!box) return;
  const { jobs, notifies, events = [] } = box;
  box.jobs = [];
  box.notifies = [];
  if (box.events) box.events = [];
  if (jobs.length) await ctx.deps.jobs.insertMany(jobs, { executor: ctx.db });
  if (!notifies.length && !events.length) return;
  // The event-log rows (a data-modifying WITH) and several pg_notify calls in one statement;
  // each NOTIFY is delivered at commit as its own event.
  const logged = events.length ? sql`with logged as (${ctx.db.insert(ticketEvents).values(events).getSQL()}) ` : sql``;
  const notified = notifies.length
    ? sql.join(
        notifies.map((p) => sql`pg_notify(${EVENTS_CHANNEL}, ${p})`),
        sql`, `,
      )
    : sql`1`;
  await ctx.db.execute(sql`${logged}select ${notified}`);
}

/**
 * Announces a change: a NOTIFY (delivered at commit, to every process) for live screens, and a
 * notification job (delivered later with retries) — both in the caller's transaction.
 */
export async function announce(
  ctx: Ctx,
  ticket: TicketRow,
  type: LiveType,
  extra: { kind?: 'reply' | 'note'; messageId?: number; changes?: NotableChanges } = {},
) {
  const { changes, ...live } = extra;
  await notifyLive(ctx, ticket, type, live);
  await queueNotification(ctx, ticket.id, type, extra);
}
