import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import { tickets, triggerRuns, triggers } from '../../../db/schema';
import type { TTrigger, TTriggerRun } from '../../../contracts/triggers';
import { inParallel, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { iso, offsetOf, pageOf, type PageInput } from '../../platform/pagination';
import { findTriggerRow, toTrigger } from './triggers.repo';
import { requireAdmin } from './write-triggers';
import type { RunDetail } from './run-log';

/** Admins: the triggers in the order they run (position, then id — never by name). */
export async function listTriggers({ ctx, input }: { ctx: Ctx; input: PageInput }) {
  requireAdmin(ctx);
  const where = inWorkspace(triggers, ctx);
  const [rows, [{ n }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select()
        .from(triggers)
        .where(where)
        .orderBy(asc(triggers.position), asc(triggers.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ n: count() }).from(triggers).where(where),
  );
  return pageOf<TTrigger>(rows.map(toTrigger), n, input);
}

/** Admins: one trigger's log, newest first (trigger_runs_trigger_idx). */
export async function listTriggerRuns({ ctx, id, input }: { ctx: Ctx; id: number; input: PageInput }) {
  requireAdmin(ctx);
  await findTriggerRow(ctx, id);
  return runsPage(ctx, eq(triggerRuns.triggerId, id), input);
}

/** Admins: every trigger's runs on one ticket, newest first (trigger_runs_ticket_idx). */
export async function listTicketTriggerRuns({ ctx, input }: { ctx: Ctx; input: PageInput & { ticketNumber: number } }) {
  requireAdmin(ctx);
  const [ticket] = await ctx.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(inWorkspace(tickets, ctx, eq(tickets.number, input.ticketNumber)));
  if (!ticket) return pageOf<TTriggerRun>([], 0, input);
  return runsPage(ctx, eq(triggerRuns.ticketId, ticket.id), input);
}

async function runsPage(ctx: Ctx, filter: SQL, input: PageInput) {
  const where = and(inWorkspace(triggerRuns, ctx), filter);
  const [rows, [{ n }]] = await inParallel(
    ctx,
    () =>
      ctx.db
        .select({
          id: triggerRuns.id,
          triggerId: triggerRuns.triggerId,
          name: triggers.name,
          number: tickets.number,
          event: triggerRuns.event,
          outcome: triggerRuns.outcome,
          detail: triggerRuns.detail,
          createdAt: triggerRuns.createdAt,
        })
        .from(triggerRuns)
        .leftJoin(triggers, eq(triggers.id, triggerRuns.triggerId))
        .leftJoin(tickets, eq(tickets.id, triggerRuns.ticketId))
        .where(where)
        .orderBy(desc(triggerRuns.id))
        .limit(input.pageSize)
        .offset(offsetOf(input)),
    () => ctx.db.select({ n: count() }).from(triggerRuns).where(where),
  );
  const items = rows.map((r): TTriggerRun => {
    const d = r.detail as Partial<RunDetail>;
    return {
      id: String(r.id),
      triggerId: r.triggerId === null ? null : String(r.triggerId),
      triggerName: r.name ?? d.name ?? null,
      ticketNumber: r.number ?? null,
      event: r.event,
      outcome: r.outcome as TTriggerRun['outcome'],
      actions: d.actions ?? [],
      reason: d.reason ?? null,
      depth: d.depth ?? 0,
      createdAt: iso(r.createdAt)!,
    };
  });
  return pageOf(items, n, input);
}
