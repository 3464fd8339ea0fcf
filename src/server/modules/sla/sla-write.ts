import type { Ctx } from '../../platform/context';
import { computeSla, matchPolicy, type SlaFields, type SlaTicket } from './compute-sla';
import { slaRules } from './sla-rules';

export const SLA_CHECK_QUEUE = 'sla.check';

export interface SlaCheckJob {
  workspaceId: number;
  ticketId: number;
}

const KEYS: (keyof SlaFields)[] = [
  'slaPolicyId',
  'slaFirstResponseDue',
  'slaNextResponseDue',
  'slaResolutionDue',
  'slaNextDue',
  'slaWarnAt',
  'slaPausedAt',
  'slaPausedMinutes',
  'slaBreached',
  'slaState',
];

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * E3: the SLA columns a ticket write must also set — the ticket as it will be (`after`) under
 * the policy that matches it now — or null when nothing of its SLA changes. Pure arithmetic on
 * cached rules: a workspace without policies pays one map lookup.
 */
export async function slaChanges(
  ctx: Ctx,
  after: SlaTicket & Partial<SlaFields>,
  now: Date,
): Promise<Partial<SlaFields> | null> {
  const rules = await slaRules(ctx);
  if (!rules.length && !after.slaPolicyId) return null;
  const fields = computeSla(after, matchPolicy(rules, after), now);
  const diff: Partial<SlaFields> = {};
  for (const k of KEYS) if (!same(after[k], fields[k])) (diff as Record<string, unknown>)[k] = fields[k];
  return Object.keys(diff).length ? diff : null;
}

/**
 * Queues the SLA timer jobs for the instants a write moved: the warning and the nearest due
 * time, each a pg-boss job at that instant in the write's transaction. A job whose instant has
 * since moved finds nothing to do (it recomputes from the row), so nothing is cancelled.
 */
export async function queueSlaChecks(
  ctx: Ctx,
  ticketId: number,
  before: Partial<SlaFields>,
  changes: Partial<SlaFields> | null,
  now: Date,
) {
  if (!changes) return;
  const job: SlaCheckJob = { workspaceId: ctx.workspaceId, ticketId };
  for (const k of ['slaWarnAt', 'slaNextDue'] as const) {
    const at = changes[k];
    if (at && at > now && !same(before[k], at))
      await ctx.deps.jobs.send(SLA_CHECK_QUEUE, job, { executor: ctx.db, startAfter: at });
  }
}
