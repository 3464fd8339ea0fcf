import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import type { JobHandler } from '../../platform/jobs';

export const WEBHOOK_CLEANUP_QUEUE = 'webhooks.cleanup';

/** Deliveries are kept this long. */
export const KEEP_DELIVERIES_DAYS = 30;
const BATCH = 5_000;
const TIME_BUDGET_MS = 20_000;

/**
 * Daily: deletes deliveries older than 30 days, every workspace's (the system's own job; each
 * row's workspace is its own), in batches by webhook_deliveries_created_idx, each committed on
 * its own so a large backlog never holds one long transaction; at most 20 s a day.
 */
export const webhookCleanupHandler =
  (deps: AppDeps): JobHandler<object> =>
  async () => {
    const before = new Date(deps.clock.now().getTime() - KEEP_DELIVERIES_DAYS * 86_400_000);
    const started = performance.now();
    // Within the queue's 30 s: what is left goes the next day.
    while (performance.now() - started < TIME_BUDGET_MS) {
      const rows = await queryRows<{ n: number }>(
        deps.database.db,
        sql`with gone as (
              delete from webhook_deliveries where id in (
                select id from webhook_deliveries where created_at < ${before} order by created_at limit ${BATCH})
              returning 1)
            select count(*)::int as n from gone`,
      );
      if ((rows[0]?.n ?? 0) < BATCH) return;
    }
  };
