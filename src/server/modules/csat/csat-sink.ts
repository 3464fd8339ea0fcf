import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { getSettings } from '../settings';
import type { TicketEventSink } from '../tickets';
import { CSAT_SEND_QUEUE } from './surveys.repo';

export interface CsatSendJob {
  workspaceId: number;
  ticketId: number;
}

/**
 * The ticket-event sink of K5 (registered by buildApp): when a ticket becomes closed — by an
 * agent, a customer, auto-close or a bulk change — and the workspace sends surveys, queues
 * `csat.send` (after the configured delay) in the writer's transaction. Other events cost
 * nothing; a close costs the cached settings and one indexed look at the ticket: a merged
 * source, an internal ticket, one without anyone to ask, or one already surveyed (a reopened
 * and closed again ticket) is skipped. The job checks all of it again when it runs.
 */
export const csatSink: TicketEventSink = async (ctx, event) => {
  if (event.type !== 'ticket.updated' || event.changes?.status?.to !== 'closed') return;
  const { csat } = await getSettings(ctx);
  if (!csat.enabled || csat.channels.length === 0) return;
  if (!(await worthASurvey(ctx, event.ticketId))) return;
  const data: CsatSendJob = { workspaceId: ctx.workspaceId, ticketId: event.ticketId };
  if (csat.delayMinutes === 0 && ctx.outbox) ctx.outbox.jobs.push({ name: CSAT_SEND_QUEUE, data });
  else
    await ctx.deps.jobs.send(CSAT_SEND_QUEUE, data, {
      executor: ctx.db,
      ...(csat.delayMinutes > 0 && { startAfter: csat.delayMinutes * 60 }),
    });
};

async function worthASurvey(ctx: Ctx, ticketId: number): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    ctx.db,
    sql`select (t.merged_into_id is null and not t.internal and t.deleted_at is null
          and (t.requester_id is not null or t.guest_email is not null)
          and not exists (select 1 from csat_surveys c where c.ticket_id = t.id)) as ok
        from tickets t where t.workspace_id = ${ctx.workspaceId} and t.id = ${ticketId}`,
  );
  return row?.ok === true;
}
