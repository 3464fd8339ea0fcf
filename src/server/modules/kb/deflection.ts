import { sql } from 'drizzle-orm';
import type { TKbDeflection } from '../../../contracts/kb';
import type { Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { Forbidden } from '../../platform/errors';
import { can, requireActor } from '../../platform/http/access';
import { getSettings } from '../settings';
import { addDays, dayIn } from '../tickets';

/** A form that opened a suggestion and sent nothing within this long avoided a ticket. */
const AVOIDED_AFTER_MINUTES = 60;

/**
 * The deflection numbers (H3) of ticket forms first shown suggestions between `from` and `to`
 * (days of the workspace's time zone, the last 30 by default): shown, opened, still sent, avoided.
 */
export async function kbDeflection({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { from?: string; to?: string };
}): Promise<TKbDeflection> {
  const actor = requireActor(ctx);
  if (!can(actor, 'kb.manage') && !can(actor, 'reports.view')) throw Forbidden();
  const now = ctx.deps.clock.now();
  const tz = (await getSettings(ctx)).timeZone;
  const to = input.to ?? dayIn(now, tz);
  const from = input.from ?? addDays(to, -29);
  const start = sql`((${from}::date)::timestamp at time zone ${tz})`;
  const end = sql`((${to}::date + 1)::timestamp at time zone ${tz})`;
  const [c] = await queryRows<{ shown: number; opened: number; sent: number; avoided: number }>(
    ctx.db,
    sql`select count(*)::int as shown,
               count(*) filter (where cardinality(opened_article_ids) > 0)::int as opened,
               count(*) filter (where cardinality(opened_article_ids) > 0 and ticket_id is not null)::int as sent,
               count(*) filter (where cardinality(opened_article_ids) > 0 and ticket_id is null
                                  and shown_at < ${now}::timestamptz - make_interval(mins => ${AVOIDED_AFTER_MINUTES}))::int as avoided
          from kb_suggest_sessions
         where workspace_id = ${ctx.workspaceId} and shown_at >= ${start} and shown_at < ${end}`,
  );
  const top = await queryRows<{ slug: string; title: string; opened: number }>(
    ctx.db,
    sql`select a.slug, a.title, o.n::int as opened
          from (select unnest(opened_article_ids) as article_id, count(*) as n from kb_suggest_sessions
                 where workspace_id = ${ctx.workspaceId} and shown_at >= ${start} and shown_at < ${end}
                   and cardinality(opened_article_ids) > 0
                 group by 1 order by 2 desc limit 5) o
          join kb_articles a on a.id = o.article_id and a.workspace_id = ${ctx.workspaceId}
         order by o.n desc, a.id`,
  );
  return {
    from,
    to,
    shown: c.shown,
    opened: c.opened,
    ticketsSent: c.sent,
    ticketsAvoided: c.avoided,
    topArticles: top.map((t) => ({ slug: t.slug, title: t.title, opened: Number(t.opened) })),
  };
}
