import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { ticketScope, type ReportScope } from './report-scope';

/** One ticket of an export, names resolved. */
export interface ExportRow {
  id: string;
  number: number;
  subject: string;
  department: string | null;
  status: string;
  priority: string;
  requester: string | null;
  assignees: string | null;
  /** ISO 8601 in UTC (both drivers: PGlite reads timestamps as text). */
  created_at: string;
  first_response_at: string | null;
  closed_at: string | null;
  sla_state: string | null;
  sla_breached: string[] | null;
  rating: number | null;
  /** The exact created_at as PostgreSQL prints it (microseconds kept), for the next page's key. */
  created_key: string;
}

export const EXPORT_BATCH = 1000;

function exportQuery(ctx: Ctx, s: ReportScope, after: SQL | null, limit: number | null): SQL {
  const ws = ctx.workspaceId;
  const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);
  return sql`select tickets.id::text as id, tickets.number, tickets.subject, dp.name as department, tickets.status, tickets.priority,
      coalesce(nullif(rq.name, ''), rq.username, tickets.guest_name, tickets.guest_email) as requester,
      (select string_agg(coalesce(nullif(a.name, ''), a.username), ', ' order by a.id) from users a
        where a.workspace_id = ${ws} and a.id = any(tickets.assignee_ids)) as assignees,
      ${iso('tickets.created_at')} as created_at, ${iso('tickets.first_response_at')} as first_response_at,
      ${iso('tickets.closed_at')} as closed_at, tickets.sla_state, tickets.sla_breached,
      cs.rating, tickets.created_at::text as created_key
    from tickets
    left join departments dp on dp.workspace_id = ${ws} and dp.id = tickets.department_id
    left join users rq on rq.workspace_id = ${ws} and rq.id = tickets.requester_id
    left join csat_surveys cs on cs.ticket_id = tickets.id and cs.workspace_id = ${ws}
    where ${ticketScope(ctx, s)} and tickets.created_at >= ${s.start} and tickets.created_at < ${s.end}
      ${after ?? sql``}
    order by tickets.created_at, tickets.id
    ${limit === null ? sql`` : sql`limit ${limit}`}`;
}

/**
 * Hands the range's tickets to `onBatch`, oldest first, a batch at a time, so that memory stays
 * flat however many there are. PostgreSQL: one cursor in a read-only transaction (one snapshot,
 * one plan). PGlite, a single connection a long transaction would hold from everyone else:
 * keyset pages on (created_at, id), each its own short query.
 */
export async function forEachExportBatch(
  ctx: Ctx,
  s: ReportScope,
  onBatch: (rows: ExportRow[]) => Promise<void>,
): Promise<void> {
  if (ctx.deps.database.kind === 'postgres') {
    await ctx.deps.database.db.transaction(
      async (tx) => {
        await tx.execute(sql`declare report_export no scroll cursor for ${exportQuery(ctx, s, null, null)}`);
        for (;;) {
          const rows = await queryRows<ExportRow>(tx, sql`fetch ${sql.raw(String(EXPORT_BATCH))} from report_export`);
          if (rows.length) await onBatch(rows);
          if (rows.length < EXPORT_BATCH) break;
        }
      },
      { accessMode: 'read only' },
    );
    return;
  }
  let after: SQL | null = null;
  for (;;) {
    const rows: ExportRow[] = await queryRows<ExportRow>(ctx.db, exportQuery(ctx, s, after, EXPORT_BATCH));
    if (rows.length) await onBatch(rows);
    if (rows.length < EXPORT_BATCH) break;
    const last: ExportRow = rows[rows.length - 1];
    after = sql`and (tickets.created_at, tickets.id) > (${last.created_key}::timestamptz, ${last.id}::bigint)`;
  }
}
