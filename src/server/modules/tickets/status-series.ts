import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZStatusSeries, ZStatusSeriesQuery } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { requireTicketAccess, seesAllDepartments } from './ticket-access';
import { addDays, dayIn, startOfDay, workspaceTimeZone } from './workspace-days';

type Series = z.infer<typeof ZStatusSeries>;

/**
 * The agent dashboard's chart: for each of the last `days` calendar days (in `tz`, by default
 * the workspace's time zone), the tickets
 * opened that day in the agent's departments, split by the status they have now. One grouped
 * query over the created-at index; days without tickets are filled with zeros here.
 */
export async function statusSeries({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: z.infer<typeof ZStatusSeriesQuery>;
}): Promise<Series> {
  const actor = requireTicketAccess(ctx);
  const { days } = query;
  const tz = query.tz ?? (await workspaceTimeZone(ctx));
  const now = ctx.deps.clock.now();
  const today = dayIn(now, tz);
  const first = addDays(today, -(days - 1));
  const inScope = seesAllDepartments(actor)
    ? sql`true`
    : actor.departmentIds.length
      ? sql`department_id in (${sql.join(
          actor.departmentIds.map((d) => sql`${d}`),
          sql`, `,
        )})`
      : sql`false`;
  // `pinned = any(...)` lets the (workspace, pinned, created_at) index serve the date range.
  const rows = await queryRows<{ day: string; status: string; n: number }>(
    ctx.db,
    sql`select to_char((created_at at time zone ${tz})::date, 'YYYY-MM-DD') as day, status, count(*)::int as n
        from tickets
        where workspace_id = ${ctx.workspaceId} and pinned = any(array[false, true]) and deleted_at is null and ${inScope}
          and created_at >= ${startOfDay(first, tz)}
        group by 1, 2`,
  );
  const byDay = new Map<string, Series['days'][number]>();
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    byDay.set(date, { date, active: 0, pending: 0, closed: 0, locked: 0 });
  }
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d && r.status in d) d[r.status as 'active'] += r.n;
  }
  return { tz, days: [...byDay.values()] };
}
