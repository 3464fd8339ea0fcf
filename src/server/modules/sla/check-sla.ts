import { eq } from 'drizzle-orm';
import { tickets } from '../../../db/schema';
import type { TOnBreach, TSlaTarget } from '../../../contracts/sla';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { jobCtx } from '../notifications';
import { changeTicket, lockTicket, queueNotification, type TicketChange, type TicketRow } from '../tickets';
import { computeSla, matchPolicy, newlyBreached } from './compute-sla';
import { slaPolicyById } from './sla-policies.repo';
import { slaRules } from './sla-rules';
import { queueSlaChecks, type SlaCheckJob } from './sla-write';

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
    if (!moved && outcome === 'nothing') return 'nothing';
    const [row] = (await tx.db
      .update(tickets)
      .set(fields)
      .where(inWorkspace(tickets, tx, eq(tickets.id, ticket.id)))
      .returning()) as TicketRow[];
    await queueSlaChecks(tx, ticket.id, ticket, fields, now);
    if (outcome === 'breached') await breach(tx, row, missed, (await slaPolicyById(tx, fields.slaPolicyId!))?.onBreach);
    if (outcome === 'warned')
      await queueNotification(tx, row.id, 'ticket.updated', { changes: { sla: { event: 'slaWarning', people: [] } } });
    return outcome === 'nothing' ? 'updated' : outcome;
  });
}

async function breach(tx: Ctx, row: TicketRow, missed: TSlaTarget[], onBreach: TOnBreach | undefined) {
  const change: TicketChange = {};
  if (onBreach?.transferToDepartmentId) change.departmentId = Number(onBreach.transferToDepartmentId);
  if (onBreach?.assignToId) change.assigneeIds = [Number(onBreach.assignToId)];
  if (onBreach?.raisePriority && row.priority !== 'urgent') change.priority = RAISED[row.priority];
  const people = (onBreach?.notify ?? []).map(Number);
  if (Object.keys(change).length) await changeTicket(tx, row, change);
  await queueNotification(tx, row.id, 'ticket.updated', {
    changes: { sla: { event: 'slaBreached', people, targets: missed } },
  });
}

export const slaCheckHandler = (deps: AppDeps) => async (data: SlaCheckJob) => {
  await checkSla(jobCtx(deps, Number(data.workspaceId), 'job:sla-check'), Number(data.ticketId));
};
