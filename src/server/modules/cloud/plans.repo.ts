import { and, asc, eq } from 'drizzle-orm';
import { plans } from '../../../db/schema';
import type { TPlan, TPlanInput, TPlanPatch } from '../../../contracts/cloud';
import type { Executor } from '../../platform/db/database';
import { Conflict, NotFound } from '../../platform/errors';

export type PlanRow = typeof plans.$inferSelect;

/** A plan as the API shows it. */
export function planToApi(p: PlanRow): TPlan {
  return {
    id: String(p.id),
    name: p.name,
    nameEn: p.nameEn,
    limits: { agents: p.agentsLimit, customers: p.customersLimit, departments: p.departmentsLimit },
    prices: p.prices,
    trial: p.trial,
    trialDays: p.trialDays,
    active: p.active,
    position: p.position,
  };
}

export async function getPlan(db: Executor, id: number): Promise<PlanRow | null> {
  const rows = await db.select().from(plans).where(eq(plans.id, id));
  return rows[0] ?? null;
}

/** The plans a workspace may buy or start on, in the operator's order. */
export async function listActivePlans(db: Executor): Promise<PlanRow[]> {
  return db.select().from(plans).where(eq(plans.active, true)).orderBy(asc(plans.position), asc(plans.id));
}

/** Every plan, retired ones too (the operator's list). */
export async function listAllPlans(db: Executor): Promise<TPlan[]> {
  const rows = await db.select().from(plans).orderBy(asc(plans.position), asc(plans.id));
  return rows.map(planToApi);
}

export async function getTrialPlan(db: Executor): Promise<PlanRow | null> {
  const rows = await db
    .select()
    .from(plans)
    .where(and(eq(plans.trial, true), eq(plans.active, true)));
  return rows[0] ?? null;
}

function columnsOf(input: TPlanPatch) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { nameEn: input.nameEn }),
    ...(input.limits !== undefined && {
      agentsLimit: input.limits.agents,
      customersLimit: input.limits.customers,
      departmentsLimit: input.limits.departments,
    }),
    ...(input.prices !== undefined && { prices: input.prices }),
    ...(input.trial !== undefined && { trial: input.trial }),
    ...(input.trialDays !== undefined && { trialDays: input.trialDays }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.position !== undefined && { position: input.position }),
  };
}

/** The unique index `plans_one_trial_uq` keeps one active trial plan; Drizzle wraps the driver's error. */
function isSecondTrial(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (e.code === '23505' && e.constraint === 'plans_one_trial_uq') return true;
    e = e.cause as typeof e;
  }
  return false;
}

async function guardTrial<T>(db: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    // A savepoint (or a transaction of its own): a refused insert must not abort the caller's transaction.
    return await db.transaction(fn);
  } catch (err) {
    if (isSecondTrial(err)) throw Conflict('errors.plan_trial_exists');
    throw err;
  }
}

/** The operator's new plan. A second active trial plan is refused (409 `plan_trial_exists`). */
export async function createPlan(db: Executor, input: TPlanInput, now: Date): Promise<TPlan> {
  const row = await guardTrial(db, async (tx) => {
    const [r] = await tx
      .insert(plans)
      .values({ ...columnsOf(input), name: input.name, createdAt: now, updatedAt: now })
      .returning();
    return r!;
  });
  return planToApi(row);
}

/** The operator's change of a plan; workspaces on it see the new limits at once. */
export async function updatePlan(db: Executor, id: number, patch: TPlanPatch, now: Date): Promise<TPlan> {
  const row = await guardTrial(db, async (tx) => {
    const [r] = await tx
      .update(plans)
      .set({ ...columnsOf(patch), updatedAt: now })
      .where(eq(plans.id, id))
      .returning();
    return r;
  });
  if (!row) throw NotFound();
  return planToApi(row);
}

export const DEFAULT_TRIAL = {
  name: 'آزمایشی',
  nameEn: 'Trial',
  trialDays: 14,
  agentsLimit: 3,
  customersLimit: 100,
  departmentsLimit: 2,
} as const;

/**
 * Start-up in cloud mode: makes the default trial plan when no active one exists, so that a
 * sign-up always has a plan to start on. Idempotent; the unique index settles a race between
 * two starting processes (the loser inserts nothing).
 */
export async function ensureTrialPlan(db: Executor, now: Date): Promise<PlanRow> {
  const existing = await getTrialPlan(db);
  if (existing) return existing;
  await db
    .insert(plans)
    .values({ ...DEFAULT_TRIAL, trial: true, active: true, prices: [], position: 0, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  return (await getTrialPlan(db))!;
}
