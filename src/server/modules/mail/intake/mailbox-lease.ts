import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context';
import { queryRows } from '../../../platform/db/database';

/**
 * Only one fetch of a mailbox runs at a time, across processes: the fetch holds a lease on the
 * row for five minutes (a crashed worker's lease simply runs out) and renews it while it works,
 * so a long fetch never outlives it. The lease is identified by the exact `fetching_until` it
 * wrote (microseconds, kept as text): renewing and releasing touch the row only while it still
 * holds that value, so a fetch whose lease ran out and was taken over cannot extend or clear
 * the new holder's.
 */
export interface Lease {
  mailboxId: number;
  /** `fetching_until` as this fetch last wrote it. */
  until: string;
}

/** The lease for one fetch, or null while another fetch holds it. */
export async function takeLease(ctx: Ctx, mailboxId: number): Promise<Lease | null> {
  const rows = await queryRows<{ until: string }>(
    ctx.db,
    sql`update mailboxes set fetching_until = now() + interval '5 minutes'
        where id = ${mailboxId} and workspace_id = ${ctx.workspaceId} and (fetching_until is null or fetching_until < now())
        returning fetching_until::text as until`,
  );
  return rows.length ? { mailboxId, until: rows[0].until } : null;
}

/** Five more minutes from now; false when the lease is no longer this fetch's. */
export async function renewLease(ctx: Ctx, lease: Lease): Promise<boolean> {
  const rows = await queryRows<{ until: string }>(
    ctx.db,
    sql`update mailboxes set fetching_until = now() + interval '5 minutes'
        where id = ${lease.mailboxId} and workspace_id = ${ctx.workspaceId} and fetching_until = ${lease.until}::timestamptz
        returning fetching_until::text as until`,
  );
  if (!rows.length) return false;
  lease.until = rows[0].until;
  return true;
}

export async function releaseLease(ctx: Ctx, lease: Lease): Promise<void> {
  await ctx.db.execute(
    sql`update mailboxes set fetching_until = null
        where id = ${lease.mailboxId} and workspace_id = ${ctx.workspaceId} and fetching_until = ${lease.until}::timestamptz`,
  );
}
