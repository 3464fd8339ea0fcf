import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { defineJob } from '../../platform/jobs';
import { smsClientFor } from './sms-client';
import { sendingAccount } from './sms-settings';
import { jobCtx } from './job-ctx';

export const SMS_STATUS_QUEUE = 'notify.sms-status';
/** Messages asked about per workspace and run; vendors take batches of ids. */
const BATCH = 100;
/** After this long a vendor no longer reports: the message stays `sent`. */
const WINDOW_HOURS = 24;

/**
 * Asks the vendors what became of SMS sent in the last day (`sent` with a vendor id) and
 * records `delivered` or `failed`. Every minute; each workspace's through its own gateway.
 */
export async function pollSmsStatus(deps: AppDeps): Promise<number> {
  const since = new Date(deps.clock.now().getTime() - WINDOW_HOURS * 3_600_000);
  const rows = await queryRows<{ id: string; workspace_id: string; provider_ref: string }>(
    deps.database.db,
    sql`select id, workspace_id, provider_ref from deliveries
      where status = 'sent' and channel = 'sms' and provider_ref is not null and provider <> 'log'
      and sent_at > ${since} order by id limit ${BATCH * 10}`,
  );
  const byWorkspace = new Map<number, { id: number; ref: string }[]>();
  for (const r of rows) {
    const w = Number(r.workspace_id);
    byWorkspace.set(w, [...(byWorkspace.get(w) ?? []), { id: Number(r.id), ref: r.provider_ref }]);
  }
  let changed = 0;
  const started = performance.now();
  for (const [workspaceId, list] of byWorkspace) {
    // The next minute's run goes on where this one stopped: a run ends well within its expiry.
    if (performance.now() - started > 20_000) break;
    const ctx = jobCtx(deps, workspaceId, 'job:sms-status');
    const client = smsClientFor(ctx, await sendingAccount(ctx), { timeoutMs: 5000, retries: 0 });
    for (let i = 0; i < list.length; i += BATCH) {
      const part = list.slice(i, i + BATCH);
      const states = await client.status(part.map((p) => p.ref)).catch(() => new Map<string, string>());
      for (const p of part) {
        const s = states.get(p.ref);
        if (s !== 'delivered' && s !== 'failed') continue;
        await deps.database.db.execute(
          sql`update deliveries set status = ${s}, reason = ${s === 'failed' ? 'not_delivered' : null}, updated_at = ${deps.clock.now()}
            where id = ${p.id} and status = 'sent'`,
        );
        changed++;
      }
    }
  }
  return changed;
}

export const smsStatusJob = () =>
  defineJob({
    queue: SMS_STATUS_QUEUE,
    handler: (deps) => async () => {
      await pollSmsStatus(deps);
    },
    schedule: '* * * * *',
    queueOptions: { expireInSeconds: 30, retryLimit: 0 },
  });
