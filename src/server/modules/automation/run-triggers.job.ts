import { and, asc, eq, sql } from 'drizzle-orm';
import { triggers } from '../../../db/schema';
import type { TTriggerAction, TTriggerCondition, TTriggerEvent } from '../../../contracts/triggers';
import { withTx, type AppDeps, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { inWorkspace } from '../../platform/db/scope';
import { AppError } from '../../platform/errors';
import { jobCtx } from '../../platform/job-ctx';
import { lockTicket } from '../tickets';
import { applyActions, type ActionResult } from './actions';
import { allHold, type EventFacts } from './conditions';
import { loggedByJob, writeRun, type Outcome } from './run-log';
import type { TriggerRow } from './triggers.repo';

export const TRIGGERS_RUN_QUEUE = 'triggers.run';
/** A chain of triggers' own changes stops here (K7 loop protection). */
export const MAX_DEPTH = 5;

/** One event of one ticket, for the workspace's active triggers of that event. */
export interface TriggersRunJob {
  workspaceId: number;
  ticketId: number;
  event: TTriggerEvent;
  changes?: EventFacts['changes'];
  messageId?: number;
  kind?: 'reply' | 'note';
  /** How deep in a chain of triggers' own changes, and the triggers already fired in it. */
  chain: { depth: number; fired: number[] };
}

type Step = { outcome: Outcome | null; results: ActionResult[]; reason: string | null } | 'gone';

/**
 * Runs the active triggers of the event, ordered by position then id (never by name), each in
 * a transaction of its own under the ticket's row lock: its conditions are checked against the
 * ticket as it is now (after the triggers before it) and the event, and its actions applied.
 * A trigger already fired in the chain, or a chain at MAX_DEPTH, writes `loop_stopped` instead;
 * a failing action rolls the trigger's changes back and writes `failed`. Every firing is a
 * trigger_runs row; a retried job skips the triggers it already logged.
 */
export async function runTriggers(ctx: Ctx, job: TriggersRunJob, jobId: string): Promise<void> {
  const list = await ctx.db
    .select()
    .from(triggers)
    .where(inWorkspace(triggers, ctx, and(eq(triggers.event, job.event), eq(triggers.active, true))))
    .orderBy(asc(triggers.position), asc(triggers.id));
  if (!list.length) return;
  const logged = await loggedByJob(ctx, job.ticketId, jobId);
  const fired = [...job.chain.fired];
  const facts = { changes: job.changes, message: await messageFacts(ctx, job) };
  let requesterRole: string | undefined;
  for (const t of list) {
    if (logged.has(t.id)) {
      fired.push(t.id);
      continue;
    }
    let matched = false;
    const detail = (results: ActionResult[], reason: string | null) => ({
      name: t.name,
      actions: results,
      reason,
      depth: job.chain.depth,
      chain: fired,
      jobId,
    });
    let step: Step;
    try {
      step = await withTx(ctx, async (tx): Promise<Step> => {
        const ticket = await lockTicket(tx, job.ticketId).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'not_found') return null;
          throw e;
        });
        if (!ticket || ticket.deletedAt) return 'gone';
        requesterRole ??= await roleOf(tx, ticket.requesterId);
        if (!allHold(t.conditions as TTriggerCondition[], { ticket, requesterRole, event: facts })) {
          return { outcome: null, results: [], reason: null };
        }
        matched = true;
        const stop = fired.includes(t.id) ? 'fired_in_chain' : job.chain.depth >= MAX_DEPTH ? 'depth' : null;
        if (stop) return { outcome: 'loop_stopped', results: [], reason: stop };
        const acting: Ctx = {
          ...tx,
          automation: { depth: job.chain.depth + 1, fired: [...fired, t.id], name: `Trigger: ${t.name}` },
        };
        const { results } = await applyActions(acting, ticket, triggerOf(t), t.actions as TTriggerAction[]);
        await writeRun(tx, {
          triggerId: t.id,
          ticketId: job.ticketId,
          event: job.event,
          outcome: 'fired',
          detail: detail(results, null),
        });
        return { outcome: 'fired', results, reason: null };
      });
    } catch (err) {
      if (!matched) throw err;
      const reason =
        err instanceof AppError ? (Object.values(err.fields ?? {})[0]?.key ?? err.msg.key) : 'errors.internal';
      if (!(err instanceof AppError)) ctx.deps.log.error({ err, triggerId: t.id }, 'trigger failed');
      step = { outcome: 'failed', results: [], reason };
    }
    if (step === 'gone') return;
    if (step.outcome === 'fired') fired.push(t.id);
    else if (step.outcome)
      await writeRun(ctx, {
        triggerId: t.id,
        ticketId: job.ticketId,
        event: job.event,
        outcome: step.outcome,
        detail: detail(step.results, step.reason),
      });
  }
}

const triggerOf = (t: TriggerRow) => ({ id: t.id, name: t.name, event: t.event });

/** customer | agent | admin, or guest for a ticket without a requester account. */
async function roleOf(ctx: Ctx, requesterId: number | null): Promise<string> {
  if (!requesterId) return 'guest';
  const [u] = await queryRows<{ role: string }>(
    ctx.db,
    sql`select role from users where workspace_id = ${ctx.workspaceId} and id = ${requesterId}`,
  );
  return u?.role ?? 'guest';
}

/** message.created: the message's kind and its author's side. */
async function messageFacts(ctx: Ctx, job: TriggersRunJob): Promise<EventFacts['message']> {
  if (job.event !== 'message.created' || !job.messageId) return undefined;
  const [m] = await queryRows<{ kind: 'reply' | 'note'; author_kind: string }>(
    ctx.db,
    sql`select kind, author_kind from messages where workspace_id = ${ctx.workspaceId} and id = ${job.messageId}`,
  );
  return m ? { kind: m.kind, author: m.author_kind } : job.kind ? { kind: job.kind, author: 'system' } : undefined;
}

export const triggersRunHandler = (deps: AppDeps) => async (data: TriggersRunJob, job: { id: string }) => {
  await runTriggers(jobCtx(deps, Number(data.workspaceId), `job:triggers-${job.id}`), data, job.id);
};
