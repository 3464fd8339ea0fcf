import { sql } from 'drizzle-orm';
import type { AppDeps, Ctx } from '../../platform/context';
import { queryRows } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { UPGRADE_URL } from './limits';
import { parsePlatformSettings } from './platform-settings';
import { subscriptionState } from './subscription-state';

/** What the request hook needs of a workspace's subscription; the state itself is computed per request. */
interface Gate {
  /** Null: a workspace made before cloud mode, unlimited and always open. */
  sub: { endsAt: Date; suspendedAt: Date | null; suspensionNote: string | null; trial: boolean } | null;
  graceDays: number;
  expiredMessage: string;
  at: number;
}

/**
 * The hook runs on every API request, so each workspace's subscription is cached in-process for
 * at most TTL_MS (one cache per database, so two apps in one process — tests — never share).
 * Only the rows are cached, not the state: the state is computed from the clock each time, so a
 * plan ends at its exact moment. A change made by another process is seen within TTL_MS.
 */
const caches = new WeakMap<object, { generation: number; entries: Map<number, Gate> }>();
const TTL_MS = 5_000;
/** Bumped by `clearSubscriptionCache()`: a WeakMap cannot be walked, so each cache notices on its next use. */
let generation = 0;

function cacheOf(deps: AppDeps): Map<number, Gate> {
  let c = caches.get(deps.database);
  if (!c || c.generation !== generation) caches.set(deps.database, (c = { generation, entries: new Map() }));
  return c.entries;
}

/**
 * Drops cached subscriptions: one workspace's (after a payment, a suspension), one app's, or —
 * without arguments — every app's in the process (tests).
 */
export function clearSubscriptionCache(deps?: AppDeps, workspaceId?: number): void {
  if (!deps) generation++;
  else if (workspaceId === undefined) cacheOf(deps).clear();
  else cacheOf(deps).delete(workspaceId);
}

async function gateOf(ctx: Ctx): Promise<Gate> {
  const cache = cacheOf(ctx.deps);
  // The clock the modules use (tests move it); an entry from "the future" after a clock change is stale too.
  const now = ctx.deps.clock.now().getTime();
  const hit = cache.get(ctx.workspaceId);
  if (hit && now >= hit.at && now - hit.at < TTL_MS) return hit;
  // One statement: the subscription, its plan's trial flag and the platform's settings.
  const [row] = await queryRows<{
    ends_at: Date | string | null;
    suspended_at: Date | string | null;
    suspension_note: string | null;
    trial: boolean | null;
    platform: unknown;
  }>(
    ctx.deps.database.db,
    sql`select s.ends_at, s.suspended_at, s.suspension_note, p.trial, ps.data as platform
      from (select 1) one
      left join subscriptions s on s.workspace_id = ${ctx.workspaceId}
      left join plans p on p.id = s.plan_id
      left join platform_settings ps on ps.key = 'platform'`,
  );
  const platform = parsePlatformSettings(row?.platform);
  const gate: Gate = {
    sub:
      row?.ends_at != null
        ? {
            endsAt: new Date(row.ends_at),
            suspendedAt: row.suspended_at != null ? new Date(row.suspended_at) : null,
            suspensionNote: row.suspension_note,
            trial: row.trial === true,
          }
        : null,
    graceDays: platform.graceDays,
    expiredMessage: platform.expiredMessage,
    at: now,
  };
  cache.set(ctx.workspaceId, gate);
  return gate;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Open while expired: signing in and out, and billing, so that the admin can pay. */
const OPEN_WHEN_EXPIRED = /^\/api\/v1\/(auth|billing)(\/|$)/;
const AUTH = /^\/api\/v1\/auth(\/|$)/;
const PUBLIC = /^\/api\/v1\/public(\/|$)/;

/**
 * The request context's cloud hook (RequestContextHooks.checkWorkspace), wired by app.ts only in
 * cloud mode. Suspended by the operator: only sign-in routes and public pages' reads answer (503
 * `suspended` otherwise). Expired (past its grace): read-only — writes answer 402
 * `subscription_expired`, except sign-in and billing, so the admin can still pay.
 */
export async function checkWorkspace(ctx: Ctx, request: { method: string; url: string }): Promise<void> {
  const gate = await gateOf(ctx);
  if (!gate.sub) return;
  const state = subscriptionState(gate.sub, { trial: gate.sub.trial }, gate, ctx.deps.clock.now());
  const safe = SAFE_METHODS.has(request.method);
  if (state === 'suspended') {
    if (AUTH.test(request.url) || (safe && PUBLIC.test(request.url))) return;
    throw new AppError('suspended', { key: 'errors.suspended' }, undefined, {
      message: gate.sub.suspensionNote ?? '',
    });
  }
  if (state === 'expired' && !safe && !OPEN_WHEN_EXPIRED.test(request.url)) {
    throw new AppError('subscription_expired', { key: 'errors.subscription_expired' }, undefined, {
      message: gate.expiredMessage,
      billingUrl: UPGRADE_URL,
    });
  }
}
