import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../../platform/context';
import { queryRows } from '../../../platform/db/database';
import { fetchMailbox } from './fetch-mailbox';

export const FETCH_QUEUE = 'mail.fetch';
export const SCHEDULE_QUEUE = 'mail.schedule';
export interface FetchJob {
  workspaceId: number;
  mailboxId: number;
}

/** The `mail.fetch` handler: one fetch of one mailbox. */
export const runFetchJob = (deps: AppDeps) => async (data: FetchJob) => {
  await fetchMailbox(deps, { workspaceId: Number(data.workspaceId), mailboxId: Number(data.mailboxId) });
};

/**
 * Every minute: a fetch for each active inbound mailbox that is due (one query on
 * mailboxes_due_idx). The singleton key keeps one queued fetch per mailbox.
 */
export async function scheduleDueFetches(deps: AppDeps): Promise<number[]> {
  const due = await queryRows<{ id: number; workspace_id: number }>(
    deps.database.db,
    sql`select id, workspace_id from mailboxes
        where active and inbound_protocol <> 'none' and (next_fetch_at is null or next_fetch_at <= ${deps.clock.now()})`,
  );
  for (const m of due) await enqueueFetch(deps, Number(m.workspace_id), Number(m.id));
  return due.map((m) => Number(m.id));
}

export function enqueueFetch(deps: AppDeps, workspaceId: number, mailboxId: number) {
  return deps.jobs.send<FetchJob>(
    FETCH_QUEUE,
    { workspaceId, mailboxId },
    { singletonKey: `mail.fetch:${mailboxId}`, retryLimit: 0 },
  );
}
