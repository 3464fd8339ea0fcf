import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TPlanLimits } from '../../src/contracts/cloud';
import { clearSubscriptionCache, createPlan } from '../../src/server/modules/cloud';
import { queryRows } from '../../src/server/platform/db/database';
import { ADMIN_PASSWORD, newWorkspace, signIn, unique, type TestApp } from './test-app';

/**
 * A cloud workspace (its trial started by createWorkspace), moved onto a plan of its own with
 * `limits` — inactive, so no plan list of another test shows it — with its admin signed in.
 */
export async function workspaceOn(t: TestApp, limits: Partial<TPlanLimits>) {
  const w = await newWorkspace(t);
  const plan = await createPlan(
    t.deps.database.db,
    {
      name: 'آزمون',
      nameEn: 'Test',
      limits: { agents: null, customers: null, departments: null, ...limits },
      prices: [{ months: 1, amount: 100_000 }],
      trial: false,
      trialDays: 14,
      active: false,
      position: 0,
    },
    t.clock.now(),
  );
  await queryRows(
    t.deps.database.db,
    sql`update subscriptions set plan_id = ${Number(plan.id)} where workspace_id = ${w.workspaceId}`,
  );
  clearSubscriptionCache();
  const admin = await signIn(t, w.slug, 'admin', ADMIN_PASSWORD);
  return { ...w, admin, planId: plan.id };
}

/** The body of POST /users for a new person of `role`. */
export const person = (role: 'admin' | 'agent' | 'customer', extra: Record<string, unknown> = {}) => ({
  role,
  username: unique('u'),
  password: 'user-password-1',
  ...extra,
});

/** Checks a 402 limit_reached naming `limit` and `max`; answers its message. */
export function expectLimit(res: { statusCode: number; json(): unknown }, limit: string, max: number) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(402);
  const { error } = res.json() as { error: { code: string; message: string; details: unknown } };
  expect(error.code).toBe('limit_reached');
  expect(error.details).toEqual({ limit, max, upgradeUrl: '/admin/billing' });
  return error.message;
}
