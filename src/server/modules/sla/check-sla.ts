import { eq } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { TOnBreach, TSlaTarget } from '../../../contracts/sla';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { jobCtx } from '../notifications';
import {
  changeTicket,
  lockTicket,
  logTicketEvent,
  queueNotification,
  type TicketChange,
  type TicketRow,
} from '../tickets';
import { computeSla, matchPolicy, newlyBreached, type SlaFields } from './compute-sla';
import { slaRules } from './sla-rules';
import { nextCheckAt, queueSlaChecks, sendCheck, type SlaCheckJob } from './sla-write';

const RAISED: Record<string, TicketRow['priority']> = {
  low: 'medium',
  medium: 'high',
  high: 'urgent',
  urgent: 'urgent',
};

export type SlaCheckOutcome = 'breached' | 'warned' | 'updated' | 'nothing';

/**
 * E3: an SLA timer's job (at a warning instant or a due time) — recomputes the ticket's SLA
 * at now from its row; a due time passed → the target is recorded missed once, the policy's
 * breach actions run (transfer, assign, raise priority) and the chosen people and the
 * handlers are told (slaBreached); a warning instant passed → the handlers are told
 * (slaWarning). A job whose instant moved finds nothing new and ends.
 */
export async function checkSla(ctx: Ctx, ticketId: number): Promise<SlaCheckOutcome> {
  return withTx(ctx, async (tx) => {
    const ticket = await lockTicket(tx, ticketId).catch(() => null);
    if (!ticket || ticket.deletedAt || !ticket.slaPolicyId) return 'nothing';
    const now = tx.deps.clock.now();
    const rules = await slaRules(tx);
    const policy = matchPolicy(rules, ticket);
    const fields = computeSla(ticket, policy, now);
    const missed = newlyBreached(fields, now);
    let outcome: SlaCheckOutcome = 'nothing';
    if (missed.length) {
      fields.slaBreached = [...fields.slaBreached, ...missed];
      fields.slaState = 'breached';
      outcome = 'breached';
    } else if (fields.slaState === 'warning' && ticket.slaState !== 'warning') outcome = 'warned';
    const moved = (Object.keys(fields) as (keyof typeof fields)[]).some(
      (k) => JSON.stringify(fields[k]) !== JSON.stringify(ticket[k]),
    );
    // The check after this one (a warning's job queues the due time's).
    const next = nextCheckAt(fields, now);
    if (next && outcome !== 'nothing') await sendCheck(tx, ticket.id, next);
    if (!moved && outcome === 'nothing') return 'nothing';
    if (outcome === 'breached') {
      await breach(tx, ticket, fields, missed, policy?.onBreach);
      return outcome;
    }
    await tx.db
      .update(tickets)
      .set(fields)
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)));
    if (outcome === 'nothing') await queueSlaChecks(tx, ticket.id, ticket, fields, now);
    if (outcome === 'warned')
      await queueNotification(tx, ticket.id, 'ticket.updated', {
        changes: { sla: { event: 'slaWarning', people: [] } },
      });
    return outcome === 'nothing' ? 'updated' : outcome;
  });
}

/**
 * A breach: the missed targets recorded with the policy's actions (transfer, assign, raise
 * priority) in one UPDATE of the ticket (through `changeTicket`, which logs and announces the
 * actions), an `sla_breached` event, and the handlers and the named people told.
 */
async function breach(
  tx: Ctx,
  ticket: TicketRow,
  fields: SlaFields,
  missed: TSlaTarget[],
  onBreach: TOnBreach | undefined,
) {
  const change: TicketChange = {};
  if (onBreach?.transferToDepartmentId) change.departmentId = Number(onBreach.transferToDepartmentId);
  if (onBreach?.assignToId) change.assigneeIds = [Number(onBreach.assignToId)];
  if (onBreach?.raisePriority && ticket.priority !== 'urgent') change.priority = RAISED[ticket.priority];
  const { changed } = Object.keys(change).length
    ? await changeTicket(tx, { ...ticket, ...fields }, change, { alsoSet: fields })
    : { changed: false };
  if (!changed)
    await tx.db
      .update(tickets)
      .set(fields)
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)));
  await logTicketEvent(tx, ticket.id, 'sla_breached', { targets: missed });
  await queueNotification(tx, ticket.id, 'ticket.updated', {
    changes: { sla: { event: 'slaBreached', people: (onBreach?.notify ?? []).map(Number), targets: missed } },
  });
}

export const slaCheckHandler = (deps: AppDeps) => async (data: SlaCheckJob) => {
  await checkSla(jobCtx(deps, Number(data.workspaceId), 'job:sla-check'), Number(data.ticketId));
};
