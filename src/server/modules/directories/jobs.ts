import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { defineJob, type JobDefinition } from '../../platform/jobs';
import { runSyncJob, SYNC_QUEUE, type SyncJob } from './sync.job';

export const SCHEDULE_QUEUE = 'directories.schedule';

/**
 * Every minute: a sync for each active directory that is due (directories_due_idx holds only
 * those with a schedule). The singleton key keeps one queued sync per directory.
 */
export async function scheduleDueSyncs(deps: AppDeps): Promise<number[]> {
  const due = await queryRows<{ id: number; workspace_id: number }>(
    deps.database.db,
    sql`select id, workspace_id from directories
        where active and sync_interval_minutes > 0 and next_sync_at <= ${deps.clock.now()}`,
  );
  for (const d of due)
    await deps.jobs.send<SyncJob>(
      SYNC_QUEUE,
      { workspaceId: Number(d.workspace_id), directoryId: Number(d.id) },
      { singletonKey: `directories.sync:${d.id}`, retryLimit: 0 },
    );
  return due.map((d) => Number(d.id));
}

// A function, not a constant: modules import each other, and the registry reads this after all have loaded.
export const directoriesJobs = (): JobDefinition[] => [
  // A sync of a large directory takes a while; a dead worker's sync is not retried (the next
  // minute's schedule finds the directory still due, since next_sync_at moves only when a sync ends).
  defineJob<SyncJob>({
    queue: SYNC_QUEUE,
    handler: runSyncJob,
    options: { batchSize: 1 },
    queueOptions: { expireInSeconds: 600, retryLimit: 0 },
  }),
  defineJob({
    queue: SCHEDULE_QUEUE,
    handler: (deps) => async () => {
      await scheduleDueSyncs(deps);
    },
    schedule: '* * * * *',
    queueOptions: { expireInSeconds: 30, retryDelay: 2, retryLimit: 2 },
  }),
];
