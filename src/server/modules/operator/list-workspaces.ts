import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { TOperatorWorkspace, TSubscriptionState, ZOperatorWorkspacesQuery } from '../../../contracts/cloud';
import { normalizeMobile } from '../../../contracts/mobile';
import { normalizeDigits } from '../../../contracts/text';
import { inParallel, type Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { iso, offsetOf } from '../../platform/pagination';
import { getPlatformSettings } from '../cloud';

type Query = z.infer<typeof ZOperatorWorkspacesQuery>;

interface Row {
  id: string | number;
  slug: string;
  name: string;
  created_at: Date | string;
  owner_mobile: string | null;
  ends_at: Date | string | null;
  suspended_at: Date | string | null;
  suspension_note: string | null;
  plan_id: string | number | null;
  plan_name: string | null;
  state: TSubscriptionState | null;
  agents: number;
  customers: number;
  departments: number;
  tickets: number;
  revenue: string | number;
  credit: string | number;
}

const FROM = sql.raw(`workspaces w
  left join subscriptions s on s.workspace_id = w.id
  left join plans p on p.id = s.plan_id`);

/**
 * `GET /operator/workspaces`: every workspace of the platform, newest first, with its plan,
 * state, usage, revenue (paid payments of both purposes) and SMS credit. The page is one
 * statement: the page's rows are chosen first, then each figure is a subquery over that page's
 * rows only (index lookups by workspace), never one query per row; the totals are a second one.
 * The state and the usage are computed as the cloud module computes them (subscriptionState,
 * usageOf: active staff, active customers, active departments), in SQL so the state filters.
 */
export async function listWorkspaces({ ctx, input }: { ctx: Ctx; input: Query }) {
  const now = ctx.deps.clock.now();
  const { graceDays } = await getPlatformSettings(ctx.db);
  const state = sql`(case
    when s.workspace_id is null then null
    when s.suspended_at is not null then 'suspended'
    when ${now}::timestamptz < s.ends_at then case when p.trial then 'trial' else 'active' end
    when ${now}::timestamptz < s.ends_at + make_interval(days => ${graceDays}::int) then 'grace'
    else 'expired' end)`;

  const conds: SQL[] = [sql`true`];
  const q = normalizeDigits(input.q ?? '').trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const mobile = normalizeMobile(q);
    conds.push(
      sql`(w.slug ilike ${like} or w.name ilike ${like} or s.owner_mobile ilike ${like}${
        mobile ? sql` or s.owner_mobile = ${mobile}` : sql``
      })`,
    );
  }
  if (input.state) conds.push(sql`${state} = ${input.state}`);
  const where = sql.join(conds, sql` and `);

  const [rows, [totals]] = await inParallel(
    ctx,
    () =>
      queryRows<Row>(
        ctx.db,
        sql`with page as (
          select w.id, w.slug, w.name, w.created_at, s.owner_mobile, s.ends_at, s.suspended_at,
                 s.suspension_note, p.id as plan_id, p.name as plan_name, ${state} as state
          from ${FROM}
          where ${where}
          order by w.created_at desc, w.id desc
          limit ${input.pageSize} offset ${offsetOf(input)}
        )
        select page.*,
          (select count(*) from users u where u.workspace_id = page.id and u.deleted_at is null
             and u.active and u.role in ('admin', 'agent'))::int as agents,
          (select count(*) from users u where u.workspace_id = page.id and u.deleted_at is null
             and u.active and u.role = 'customer')::int as customers,
          (select count(*) from departments d where d.workspace_id = page.id and d.active)::int as departments,
          (select count(*) from tickets t where t.workspace_id = page.id and t.deleted_at is null)::int as tickets,
          (select coalesce(sum(py.amount), 0) from payments py
             where py.workspace_id = page.id and py.state = 'paid')::bigint as revenue,
          coalesce((select c.balance from credit_accounts c where c.workspace_id = page.id), 0)::bigint as credit
        from page
        order by page.created_at desc, page.id desc`,
      ),
    () =>
      queryRows<{ workspaces: number; revenue: string | number }>(
        ctx.db,
        sql`select count(*)::int as workspaces, coalesce(sum(r.revenue), 0)::bigint as revenue
          from ${FROM}
          left join lateral (select sum(py.amount) as revenue from payments py
            where py.workspace_id = w.id and py.state = 'paid') r on true
          where ${where}`,
      ),
  );

  return {
    items: rows.map(view),
    total: Number(totals.workspaces),
    page: input.page,
    pageSize: input.pageSize,
    totals: { workspaces: Number(totals.workspaces), revenue: Number(totals.revenue) },
  };
}

function view(r: Row): TOperatorWorkspace {
  return {
    id: String(r.id),
    slug: r.slug,
    name: r.name,
    ownerMobile: r.owner_mobile,
    createdAt: iso(r.created_at)!,
    plan: r.plan_id === null ? null : { id: String(r.plan_id), name: r.plan_name ?? '' },
    state: r.state,
    endsAt: iso(r.ends_at),
    usage: {
      agents: Number(r.agents),
      customers: Number(r.customers),
      departments: Number(r.departments),
      tickets: Number(r.tickets),
    },
    revenue: Number(r.revenue),
    credit: Number(r.credit),
    suspendedAt: iso(r.suspended_at),
    suspensionNote: r.suspension_note,
  };
}
