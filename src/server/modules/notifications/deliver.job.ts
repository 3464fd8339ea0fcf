import { sql } from 'drizzle-orm';
import { idArray } from '../../platform/db/sql-ids';
import type { TChannel } from '../../../contracts/notifications';
import type { AppDeps, Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { defineJob } from '../../platform/jobs';
import { sendEmailDeliveries } from './email-channel';
import { sendPushDelivery } from './push-channel';
import { sendSmsDelivery } from './sms-channel';
import { openPayload } from './payload';
import { MAX_ATTEMPTS, type DeliveryRow, type Outcome } from './delivery-types';
import { jobCtx } from './job-ctx';

export type { DeliveryPayload, DeliveryRow, Outcome } from './delivery-types';

export const DELIVER_QUEUE = 'notify.deliver';
/** Deliveries one job carries: a fan-out to 200 agents is 4 jobs per channel. */
export const DELIVERIES_PER_JOB = 50;
export interface DeliverJob {
  workspaceId: number;
  channel: TChannel;
  ids: number[];
}

/** Queues the sending of deliveries in the caller's transaction, a job per channel and chunk. */
export async function queueDeliveries(
  tx: Ctx,
  items: { id: number; channel: TChannel }[],
  opts: { startAfter?: Date } = {},
) {
  const jobs: { name: string; data: DeliverJob }[] = [];
  for (const channel of ['email', 'sms', 'push'] as const) {
    const ids = items.filter((i) => i.channel === channel).map((i) => i.id);
    for (let i = 0; i < ids.length; i += DELIVERIES_PER_JOB)
      jobs.push({
        name: DELIVER_QUEUE,
        data: { workspaceId: tx.workspaceId, channel, ids: ids.slice(i, i + DELIVERIES_PER_JOB) },
      });
  }
  if (!jobs.length) return;
  if (!opts.startAfter) return tx.deps.jobs.insertMany(jobs, { executor: tx.db });
  // Held for working time (E3): each job waits for its instant.
  for (const j of jobs)
    await tx.deps.jobs.send(DELIVER_QUEUE, j.data, { executor: tx.db, startAfter: opts.startAfter });
}

/**
 * The `notify.deliver` handler: takes the job's deliveries that are still `queued` (one
 * statement, counting the attempt), sends each through its channel and records the outcome.
 * Those to try again stay `queued` and go in a new job that starts later; a retry of this job
 * (its worker died) finds the sent and given-up ones no longer queued and leaves them alone.
 */
export const deliver = (deps: AppDeps) => async (job: DeliverJob) => {
  const ctx = jobCtx(deps, Number(job.workspaceId), 'job:notify-deliver');
  const rows = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`update deliveries set attempts = attempts + 1, updated_at = ${deps.clock.now()}
      where workspace_id = ${ctx.workspaceId} and id = any(${idArray(job.ids)}) and status = 'queued'
      returning id, workspace_id, channel, user_id, "to", ticket_number, attempts, price, sealed_payload`,
  );
  const items = rows.map((r) => {
    const payload = openPayload(deps, r.sealed_payload as string | null);
    const row: DeliveryRow = {
      id: Number(r.id),
      workspaceId: Number(r.workspace_id),
      channel: r.channel as TChannel,
      userId: r.user_id === null ? null : Number(r.user_id),
      to: String(r.to),
      ticketNumber: r.ticket_number === null ? null : Number(r.ticket_number),
      attempts: Number(r.attempts),
      price: r.price === null ? null : Number(r.price),
      payload: payload!,
    };
    return { row, readable: !!payload && payload.kind === row.channel };
  });
  const started = performance.now();
  const again: number[] = [];
  for (const unit of unitsOf(items)) {
    // Past the budget the rest wait for the next job: a job must end well within its expiry.
    if (performance.now() - started > BUDGET_MS) {
      again.push(...unit.map((u) => u.id));
      continue;
    }
    const outs = await sendUnit(ctx, unit);
    const done = unit.map((row) => {
      let out = outs.get(row.id)!;
      if (out.status === 'retry' && row.attempts >= MAX_ATTEMPTS) out = { status: 'failed', reason: out.reason };
      if (out.status === 'retry') again.push(row.id);
      return { row, out };
    });
    if (done.length === 1) await record(ctx, done[0].row, done[0].out);
    else await recordAll(ctx, done);
  }
  // Those to try again go in a later job, further off with each attempt (30 s … 40 min).
  if (again.length) {
    const attempt = Math.max(1, ...rows.filter((r) => again.includes(Number(r.id))).map((r) => Number(r.attempts)));
    await deps.jobs.send<DeliverJob>(
      DELIVER_QUEUE,
      { workspaceId: ctx.workspaceId, channel: job.channel, ids: again },
      { startAfter: RETRY_AFTER_S[Math.min(attempt, RETRY_AFTER_S.length) - 1] },
    );
  }
};

/** Seconds before the next try, by the attempt that just failed. */
const RETRY_AFTER_S = [30, 120, 600, 2400];
/** A job sends for at most this long; its expiry (30 s) is what brings back a dead worker's. */
const BUDGET_MS = 20_000;

/** Recipients of one notification mail at most (its SMTP envelope). */
const MAIL_GROUP = 50;

/**
 * What goes out together: e-mails of the very same text (one ticket's event, one language) as
 * one message with its readers in the envelope — 50 agents of a department are one SMTP
 * message, not 50; every other delivery alone. Unreadable ones are units of their own.
 */
function unitsOf(items: { row: DeliveryRow; readable: boolean }[]): DeliveryRow[][] {
  const units: DeliveryRow[][] = [];
  const groups = new Map<string, DeliveryRow[]>();
  for (const { row, readable } of items) {
    if (!readable || row.channel !== 'email') {
      units.push([row]);
      continue;
    }
    const key = JSON.stringify(row.payload);
    const group = groups.get(key);
    if (group && group.length < MAIL_GROUP) group.push(row);
    else {
      const fresh = [row];
      groups.set(key, fresh);
      units.push(fresh);
    }
  }
  return units;
}

async function sendUnit(ctx: Ctx, unit: DeliveryRow[]): Promise<Map<number, Outcome>> {
  const first = unit[0];
  if (!first.payload || first.payload.kind !== first.channel)
    return new Map([[first.id, { status: 'failed', reason: 'unreadable' }]]);
  try {
    if (first.channel === 'email') return await sendEmailDeliveries(ctx, unit);
    const out = first.channel === 'sms' ? await sendSmsDelivery(ctx, first) : await sendPushDelivery(ctx, first);
    return new Map([[first.id, out]]);
  } catch (e) {
    ctx.deps.log.warn(
      { deliveryIds: unit.map((u) => u.id), channel: first.channel, error: (e as Error).message?.slice(0, 200) },
      'delivery failed',
    );
    return new Map(unit.map((u) => [u.id, { status: 'retry', reason: 'error' } as Outcome]));
  }
}

/** Writes a delivery's outcome; a final one clears its sealed message. */
export async function record(ctx: Ctx, row: DeliveryRow, out: Outcome) {
  const now = ctx.deps.clock.now();
  if (out.status === 'retry') {
    await ctx.db.execute(sql`update deliveries set reason = ${out.reason}, updated_at = ${now} where id = ${row.id}`);
    return;
  }
  const ok = out.status === 'sent' || out.status === 'delivered' ? out : null;
  const reason = ok ? null : (out as { reason: string }).reason;
  await ctx.db.execute(sql`update deliveries set status = ${out.status},
    reason = ${reason},
    provider = coalesce(${ok?.provider ?? null}, provider),
    provider_ref = coalesce(${ok?.providerRef ?? null}, provider_ref),
    "to" = coalesce(${ok?.to ?? null}, "to"),
    sent_at = ${ok ? now : null}, sealed_payload = null, updated_at = ${now}
    where id = ${row.id}`);
}

/**
 * The outcomes of a unit (a mail to 50 readers) in one statement instead of one per reader —
 * the same columns as `record`; a retry stays `queued` with its reason and keeps its message.
 */
async function recordAll(ctx: Ctx, done: { row: DeliveryRow; out: Outcome }[]) {
  const now = ctx.deps.clock.now();
  const values = done.map(({ row, out }) => {
    const ok = out.status === 'sent' || out.status === 'delivered' ? out : null;
    return {
      id: row.id,
      status: out.status === 'retry' ? 'queued' : out.status,
      reason: ok ? null : (out as { reason: string }).reason,
      provider: ok?.provider ?? null,
      provider_ref: ok?.providerRef ?? null,
      to: ok?.to ?? null,
    };
  });
  await ctx.db.execute(sql`update deliveries d set status = v.status, reason = v.reason,
    provider = coalesce(v.provider, d.provider), provider_ref = coalesce(v.provider_ref, d.provider_ref),
    "to" = coalesce(v."to", d."to"),
    sent_at = case when v.status in ('sent', 'delivered') then ${now}::timestamptz when v.status = 'queued' then d.sent_at end,
    sealed_payload = case when v.status = 'queued' then d.sealed_payload end, updated_at = ${now}
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      as v(id bigint, status text, reason text, provider text, provider_ref text, "to" text)
    where d.workspace_id = ${ctx.workspaceId} and d.id = v.id`);
}

export const deliverJob = () =>
  defineJob<DeliverJob>({
    queue: DELIVER_QUEUE,
    handler: deliver,
    // Up to 50 sends a job, for at most BUDGET_MS; a dead worker's job is taken again within a minute.
    // Behind due timers, but sending may take BUDGET_MS itself: it waits for them at most 5 s.
    options: { batchSize: 4, concurrency: 4, pollingIntervalSeconds: 1, lane: 'background', maxYieldSeconds: 5 },
    queueOptions: { expireInSeconds: 30, retryDelay: 2 },
  });
