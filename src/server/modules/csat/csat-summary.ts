import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';

export interface CsatSummary {
  /** The mean rating (1–5, two decimals); null without answers. */
  average: number | null;
  responses: number;
}

/**
 * For the reports: the answers given in [from, to), optionally of one department (the ticket's
 * when it closed) or one agent (among those assigned when it closed). One query on
 * `csat_surveys_answered_idx` (workspace_id, answered_at where answered).
 */
export async function csatSummary(
  ctx: Ctx,
  o: { from: Date; to: Date; departmentId?: number | null; agentId?: number | null },
): Promise<CsatSummary> {
  const [row] = await queryRows<{ average: string | number | null; responses: string | number }>(
    ctx.db,
    sql`select round(avg(rating)::numeric, 2) as average, count(*) as responses
        from csat_surveys
        where workspace_id = ${ctx.workspaceId} and answered_at is not null
          and answered_at >= ${o.from} and answered_at < ${o.to}
          ${o.departmentId ? sql`and department_id = ${o.departmentId}` : sql``}
          ${o.agentId ? sql`and ${o.agentId}::bigint = any(agent_ids)` : sql``}`,
  );
  return {
    average: row?.average === null || row?.average === undefined ? null : Number(row.average),
    responses: Number(row?.responses ?? 0),
  };
}
