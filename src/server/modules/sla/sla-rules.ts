import { asc } from 'drizzle-orm';
import { slaPolicies } from '../../../db/schema';
import type { TOnBreach, TSlaConditions, TSlaTargets } from '../../../contracts/sla';
import type { Ctx } from '../../platform/context';
import { inWorkspace } from '../../platform/db/scope';
import { workCalendarFor } from '../calendars';
import type { SlaPolicyRule } from './compute-sla';

/**
 * The SLA policies of a workspace with their calendars, as every ticket write needs them: kept
 * in memory for a few seconds, so a write costs no query for them (most workspaces have none:
 * an empty list). A change in this process drops the entry at once (`forgetSlaRules`); other
 * processes see it within `TTL_MS`, and the recompute job that follows every change fixes
 * what they computed meanwhile.
 */
const TTL_MS = 10_000;
const cache = new Map<number, { at: number; rules: Promise<SlaPolicyRule[]> }>();

export function forgetSlaRules(workspaceId: number) {
  cache.delete(workspaceId);
}

export function slaRules(ctx: Ctx): Promise<SlaPolicyRule[]> {
  const now = Date.now();
  const hit = cache.get(ctx.workspaceId);
  if (hit && now - hit.at < TTL_MS) return hit.rules;
  // Read on the caller's connection (inside its transaction, if any): a second connection per
  // write would drain the pool under load. Read committed: the rules are the committed ones.
  const rules = load(ctx).catch((err) => {
    cache.delete(ctx.workspaceId);
    throw err;
  });
  cache.set(ctx.workspaceId, { at: now, rules });
  return rules;
}

async function load(ctx: Ctx): Promise<SlaPolicyRule[]> {
  const rows = await ctx.db
    .select()
    .from(slaPolicies)
    .where(inWorkspace(slaPolicies, ctx))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.id));
  if (!rows.length) return [];
  const calendars = new Map<number | null, Awaited<ReturnType<typeof workCalendarFor>>>();
  for (const r of rows)
    if (!calendars.has(r.calendarId))
      calendars.set(r.calendarId, await workCalendarFor(ctx, { calendarId: r.calendarId }));
  return rows.map((r) => ({
    id: Number(r.id),
    conditions: r.conditions as TSlaConditions,
    targets: r.targets as TSlaTargets,
    warnBefore: r.warnBefore,
    pauseWhilePending: r.pauseWhilePending,
    calendar: calendars.get(r.calendarId)!,
    onBreach: r.onBreach as TOnBreach,
  }));
}
