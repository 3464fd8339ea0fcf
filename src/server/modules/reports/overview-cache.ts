import type { TReportOverview } from '../../../contracts/reports';
import type { Ctx } from '../../platform/context';
import { seesAllDepartments } from '../tickets';
import type { ReportScope } from './report-scope';

/** How long an overview is reused in this process: reports may be half a minute old. */
export const OVERVIEW_TTL_MS = 30_000;
const MAX_ENTRIES = 500;
const cache = new Map<string, { at: number; value: Promise<TReportOverview> }>();

/**
 * The overview of the same range, filters and visibility computed once per 30 s in a process,
 * and once at a time: a report at a million tickets reads ~100,000 rows (about a second of
 * PostgreSQL's time); a page reloaded, or opened by several managers, shares it. Keyed by what
 * decides the answer — the workspace, who sees all tickets or which agent, the range and filters.
 */
export function cachedOverview(ctx: Ctx, s: ReportScope, compute: () => Promise<TReportOverview>) {
  const who = seesAllDepartments(s.actor) ? 'all' : `agent:${s.actor.id}`;
  const key = [ctx.workspaceId, who, s.timeZone, s.from, s.to, s.departmentId ?? '', s.agentId ?? ''].join('|');
  const now = ctx.deps.clock.now().getTime();
  const hit = cache.get(key);
  if (hit && now - hit.at < OVERVIEW_TTL_MS && now >= hit.at) return hit.value;
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, v] of cache) if (now - v.at >= OVERVIEW_TTL_MS) cache.delete(k);
    if (cache.size >= MAX_ENTRIES) cache.clear();
  }
  const value = compute();
  cache.set(key, { at: now, value });
  value.catch(() => cache.delete(key));
  return value;
}
