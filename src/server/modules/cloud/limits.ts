import { sql } from 'drizzle-orm';
import type { TLimitName, TUsage } from '../../../contracts/cloud';
import type { Ctx } from '../../platform/context';
import { queryRows, type Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { PlanRow } from './plans.repo';
import { getSubscriptionRow } from './subscription.repo';

/** Where an admin who hit a limit goes to upgrade (the web app's billing page). */
export const UPGRADE_URL = '/admin/billing';

/**
 * What each limit counts. Agents: active admins and agents (admins work tickets too); customers:
 * active customers; departments: active ones. Deleted people are never counted, nor deactivated
 * people or departments — deactivating one frees its place.
 *
 * Checked wherever one is added: people (create, reactivate, customer ↔ staff), customer
 * self-sign-up by SMS code, directory sign-in and sync (a sync leaves out who would pass the
 * limit and goes on), departments (create, reactivate). Guest tickets and inbound mail make no
 * `users` row — a sender without an account stays a guest on the ticket — so they are never
 * refused for a limit: no request or mail is lost because of a plan.
 */
const COUNTS: Record<TLimitName, (ws: number) => ReturnType<typeof sql>> = {
  agents: (ws) =>
    sql`select count(*)::int from users where workspace_id = ${ws} and active and deleted_at is null and role in ('admin', 'agent')`,
  customers: (ws) =>
    sql`select count(*)::int from users where workspace_id = ${ws} and active and deleted_at is null and role = 'customer'`,
  departments: (ws) => sql`select count(*)::int from departments where workspace_id = ${ws} and active`,
};

/** The three counts of a workspace in one statement (the subscription page, the operator's list). */
export async function usageOf(db: Executor, workspaceId: number): Promise<TUsage> {
  const [row] = await queryRows<TUsage>(
    db,
    sql`select (${COUNTS.agents(workspaceId)}) as agents, (${COUNTS.customers(workspaceId)}) as customers,
      (${COUNTS.departments(workspaceId)}) as departments`,
  );
  return row!;
}

export function limitOf(plan: PlanRow, name: TLimitName): number | null {
  return name === 'agents' ? plan.agentsLimit : name === 'customers' ? plan.customersLimit : plan.departmentsLimit;
}

/** The error of a limit passed: 402 `limit_reached`, naming the limit and where to upgrade. */
export function limitReached(name: TLimitName, max: number): AppError {
  return new AppError('limit_reached', { key: `errors.limit_reached_${name}`, params: { limit: max } }, undefined, {
    limit: name,
    max,
    upgradeUrl: UPGRADE_URL,
  });
}

/**
 * How many more of `name` the workspace's plan allows now (Infinity: unlimited, cloud mode off,
 * or a workspace without a subscription), and the plan's limit. Takes the limit's lock like
 * `assertWithinLimit`, so a batch writer (directory sync) may add up to that many in the same
 * transaction.
 */
export async function remainingUnderLimit(ctx: Ctx, name: TLimitName): Promise<{ left: number; max: number | null }> {
  if (!ctx.deps.config.cloud.enabled) return { left: Infinity, max: null };
  // The lock is held to the end of the transaction: outside one it would be gone before the insert.
  if (!ctx.inTx) throw new Error('remainingUnderLimit/assertWithinLimit must run in the transaction that adds');
  const sub = await getSubscriptionRow(ctx.db, ctx.workspaceId);
  const max = sub ? limitOf(sub.plan, name) : null;
  if (max === null) return { left: Infinity, max };
  // Concurrent creators of the same thing in the same workspace queue here, so each counts the
  // others' committed rows: N parallel creates at the boundary let exactly the allowed number in.
  // PGlite has one connection, its transactions already run one at a time.
  if (ctx.deps.database.kind === 'postgres')
    await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`limit:${ctx.workspaceId}:${name}`}, 0))`);
  const [row] = await queryRows<{ count: number }>(ctx.db, COUNTS[name](ctx.workspaceId));
  return { left: Math.max(0, max - row!.count), max };
}

/**
 * Refuses (402 `limit_reached`) adding `adding` more of `name` past the workspace's plan. Call it
 * inside the transaction that adds them, before the insert; a no-op when cloud mode is off.
 */
export async function assertWithinLimit(ctx: Ctx, name: TLimitName, adding = 1): Promise<void> {
  if (!ctx.deps.config.cloud.enabled || adding <= 0) return;
  const { left, max } = await remainingUnderLimit(ctx, name);
  if (left < adding) throw limitReached(name, max!);
}
