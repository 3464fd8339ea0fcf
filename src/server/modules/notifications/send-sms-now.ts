import { deliveries } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { record } from './deliver.job';
import type { Outcome } from './delivery-types';
import { sendSmsDelivery } from './sms-channel';
import { jobCtx } from './job-ctx';

/**
 * An SMS that cannot wait for the notification fan-out — a one-time sign-in code (A2), a
 * contact code, the admin's sign-in link (A3) — sent by the job that carries it, through the
 * workspace's gateway (or the platform's), recorded in the deliveries log and paid like any
 * other (I2). A try that may pass later is recorded failed (and refunded) and thrown, so the
 * job's own retry sends it again as a new delivery.
 */
export async function sendSmsNow(
  deps: AppDeps,
  m: { workspaceId: number; to: string; text: string; event: string; userId?: number | null },
): Promise<Outcome> {
  const ctx = jobCtx(deps, m.workspaceId, `job:sms-${m.event}`);
  const [made] = await ctx.db
    .insert(deliveries)
    .values({
      workspaceId: m.workspaceId,
      channel: 'sms',
      userId: m.userId ?? null,
      to: m.to,
      event: m.event,
      status: 'queued',
      attempts: 1,
      createdAt: deps.clock.now(),
    })
    .returning({ id: deliveries.id });
  const row = {
    id: Number(made.id),
    workspaceId: m.workspaceId,
    channel: 'sms' as const,
    userId: m.userId ?? null,
    to: m.to,
    ticketNumber: null,
    // The last attempt as far as this delivery goes: a refusal refunds it at once.
    attempts: Number.MAX_SAFE_INTEGER,
    price: null,
    payload: { kind: 'sms' as const, text: m.text },
  };
  const out = await sendSmsDelivery(ctx, row, {
    code: m.event === 'otp' || m.event === 'admin_link' || m.event === 'subscription_reminder',
  });
  await record(ctx, row, out);
  if (out.status === 'failed' && (out.reason === 'timeout' || out.reason === 'unavailable'))
    throw new Error(`SMS ${m.event} not sent (${out.reason}); the job tries again`);
  return out;
}
