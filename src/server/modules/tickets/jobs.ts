import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { defineJob, type JobDefinition } from '../../platform/jobs';
import { AUTO_CLOSE_QUEUE, autoCloseTickets } from './auto-close.job';
import { guestLinkJob } from './guest-link-mail.job';
import { searchReindexJob } from './search-reindex';
import { queryRows } from '../../platform/db/database';
import { NOTIFY_QUEUE, type LiveType, type NotableChanges } from './ticket-events';

const DAY_MS = 86_400_000;

/** What `queueNotification` puts on `notify.ticket`. */
export interface TicketNotification {
  workspaceId: number;
  ticketId: number;
  type: LiveType;
  kind?: 'reply' | 'note';
  messageId?: number;
  /** Who did it (null: a guest, intake of an unknown sender, the system). Absent in old jobs. */
  actorId?: number | null;
  changes?: NotableChanges;
}

/** Jobs older than a day would notify about stale changes: they are dropped at start. */
export async function dropStaleNotifications(deps: AppDeps): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - DAY_MS);
  const rows = await queryRows<{ id: string }>(
    deps.database.db,
    sql`delete from pgboss.job where name = ${NOTIFY_QUEUE} and state in ('created', 'retry') and created_on < ${cutoff} returning id`,
  );
  return rows.length;
}

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const ticketsJobs = (): JobDefinition[] => [
  // C20: hourly, pending tickets older than the workspace's autoCloseDays are closed.
  defineJob({
    queue: AUTO_CLOSE_QUEUE,
    handler: (deps) => async () => {
      await autoCloseTickets(deps);
    },
    schedule: '41 * * * *',
    // Hourly, in bounded batches that may add up to minutes; the next hour's run continues.
    queueOptions: { expireInSeconds: 600 },
  }),
  // F4 (issue 14): a guest's tracking link by mail, after the guest form and when asked again.
  guestLinkJob(),
  // Issue 14: existing tickets' search vectors gain the joined spellings, in batches.
  searchReindexJob(),
];
