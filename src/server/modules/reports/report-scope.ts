import { sql, type SQL } from 'drizzle-orm';
import type { TReportQuery } from '../../../contracts/reports';
import type { Actor, Ctx } from '../../platform/context';
import { InvalidField } from '../../platform/errors';
import { requirePermission } from '../../platform/http/access';
import { getSettings } from '../settings';
import { addDays, dayIn, visibleTo } from '../tickets';

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

/** What a report covers: calendar days of the workspace's zone, the caller and the filters. */
export interface ReportScope {
  actor: Actor;
  from: string;
  to: string;
  timeZone: string;
  /** The instants the range begins and ends (exclusive): local midnights, as SQL. */
  start: SQL;
  end: SQL;
  departmentId?: number;
  agentId?: number;
}

/** Whole days from `a` to `b` (calendar dates; negative when b is before a). */
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Every calendar day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Checks `reports.view` and the range (400 for from after to, or more than 366 days) before
 * anything is read. Defaults: `to` today in the workspace's zone, `from` 29 days before `to`.
 */
export async function reportScope(ctx: Ctx, q: TReportQuery): Promise<ReportScope> {
  const actor = requirePermission(ctx, 'reports.view');
  const timeZone = (await getSettings(ctx)).timeZone;
  const today = dayIn(ctx.deps.clock.now(), timeZone);
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw InvalidField('to', 'validation.report_range_order');
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
    throw InvalidField('from', 'validation.report_range_too_long', { max: MAX_RANGE_DAYS });
  const midnight = (day: string) => sql`((${day}::date)::timestamp at time zone ${timeZone})`;
  return {
    actor,
    from,
    to,
    timeZone,
    start: midnight(from),
    end: midnight(addDays(to, 1)),
    departmentId: q.departmentId,
    agentId: q.agentId,
  };
}

/**
 * The tickets a report reads, besides its date range: the workspace's, not deleted, those the
 * caller may see (as ticket lists: an agent without tickets.view_all, their departments' and
 * those assigned to or shared with them; admins all), and the filters. Written against the
 * unaliased `tickets` table, as visibleTo is.
 */
export function ticketScope(ctx: Ctx, s: ReportScope): SQL {
  const parts: SQL[] = [sql`tickets.workspace_id = ${ctx.workspaceId}`, sql`tickets.deleted_at is null`];
  const visible = visibleTo(s.actor);
  if (visible) parts.push(visible);
  if (s.departmentId !== undefined) parts.push(sql`tickets.department_id = ${s.departmentId}`);
  if (s.agentId !== undefined) parts.push(sql`tickets.assignee_ids @> array[${s.agentId}]::bigint[]`);
  return sql.join(parts, sql` and `);
}
