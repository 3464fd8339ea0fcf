import { sql } from 'drizzle-orm';
import type { TCreditUsage, TCreditUsageQuery } from '../../../contracts/billing';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { getSettings } from '../settings';
import { dayIn } from '../tickets';
import { requireCreditReader } from './get-credit';

/**
 * `GET /billing/credit/usage?days=30`: SMS spending per day for the admin's chart, the last
 * `days` days of the workspace's time zone up to today, every day present (0 when nothing was
 * sent). One grouped statement over the ledger: charges less refunds, in toman and in parts
 * (the parts of each charged delivery, from its `deliveries` row).
 */
export async function usagePerDay({ ctx, input }: { ctx: Ctx; input: TCreditUsageQuery }): Promise<TCreditUsage> {
  requireCreditReader(ctx);
  const tz = (await getSettings(ctx)).timeZone;
  const today = dayIn(ctx.deps.clock.now(), tz);
  const back = input.days - 1;
  const rows = await queryRows<{ day: string; parts: string; amount: string }>(
    ctx.db,
    sql`with days as (
        select generate_series(${today}::date - ${back}::int, ${today}::date, interval '1 day')::date as day
      ), used as (
        select (e.created_at at time zone ${tz})::date as day,
          sum(case when e.kind = 'sms' then coalesce(d.parts, 0) else -coalesce(d.parts, 0) end) as parts,
          sum(-e.amount) as amount
        from credit_entries e
        left join deliveries d on d.workspace_id = e.workspace_id and d.id = e.delivery_id
        where e.workspace_id = ${ctx.workspaceId} and e.kind in ('sms', 'refund')
          and e.created_at >= ((${today}::date - ${back}::int)::timestamp at time zone ${tz})
        group by 1
      )
      select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(used.parts, 0)::text as parts,
        coalesce(used.amount, 0)::text as amount
      from days left join used on used.day = days.day
      order by days.day`,
  );
  return { items: rows.map((r) => ({ day: r.day, parts: Number(r.parts), amount: Number(r.amount) })) };
}
