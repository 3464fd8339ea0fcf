import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context';
import { queryRows } from '../../../platform/db/database';

/**
 * Only one fetch of a mailbox runs at a time, across processes: the fetch holds a lease on the
 * row for at most five minutes (a crashed worker's lease simply runs out).
 */
export async function takeLease(ctx: Ctx, mailboxId: number): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    ctx.db,
    sql`update mailboxes set fetching_until = now() + interval '5 minutes'
        where id = ${mailboxId} and workspace_id = ${ctx.workspaceId} and (fetching_until is null or fetching_until < now())
        returning id`,
  );
  return rows.length > 0;
}

export async function releaseLease(ctx: Ctx, mailboxId: number): Promise<void> {
  await ctx.db.execute(sql`update mailboxes set fetching_until = null where id = ${mailboxId} and workspace_id = ${ctx.workspaceId}`);
}
