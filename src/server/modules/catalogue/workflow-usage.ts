import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

/** How many live requests of a request type are in each workflow status. */
export async function statusesInUse(ctx: Ctx, requestTypeId: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(
    ctx.db,
    sql`select workflow_status as status, count(*)::int as n from tickets
        where workspace_id = ${ctx.workspaceId} and request_type_id = ${requestTypeId} and deleted_at is null
        group by workflow_status`,
  );
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
