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

/** The next instant an SLA check has something to do after `now`: the warning, else the due time. */
export function nextCheckAt(f: Partial<SlaFields>, now: Date): Date | null {
  const future = [f.slaWarnAt, f.slaNextDue].filter((d): d is Date => !!d && d > now);
  return future.length ? future.reduce((a, b) => (a < b ? a : b)) : null;
}

/**
 * Queues the SLA timer job for the nearest instant a write moved — the warning, else the due
 * time — as one pg-boss job at that instant, in the write's transaction; the check at that
 * instant queues the one after it. A job whose instant has since moved finds nothing to do (it
 * recomputes from the row), so nothing is cancelled.
 */
export async function queueSlaChecks(
  ctx: Ctx,
  ticketId: number,
  before: Partial<SlaFields>,
  changes: Partial<SlaFields> | null,
  now: Date,
) {
  if (!changes || !('slaWarnAt' in changes || 'slaNextDue' in changes)) return;
  const at = nextCheckAt({ ...pick(before), ...changes }, now);
  if (!at || same(at, nextCheckAt(before, now))) return;
  await sendCheck(ctx, ticketId, at);
}

export async function sendCheck(ctx: Ctx, ticketId: number, at: Date) {
  const job: SlaCheckJob = { workspaceId: ctx.workspaceId, ticketId };
  if (ctx.outbox) ctx.outbox.jobs.push({ name: SLA_CHECK_QUEUE, data: job, startAfter: at });
  else await ctx.deps.jobs.send(SLA_CHECK_QUEUE, job, { executor: ctx.db, startAfter: at });
}

const pick = (f: Partial<SlaFields>): Partial<SlaFields> => ({ slaWarnAt: f.slaWarnAt, slaNextDue: f.slaNextDue });
