import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt, workspaceRef } from './columns';
import { workspaces } from './workspaces';

/**
 * Cloud mode (issue 19, features I1/I3). These tables belong to the platform, not to one
 * workspace: plans and the platform's settings are the operator's; a subscription and a sign-up
 * are tied to one workspace (or to the one being made).
 */

/** One price of a plan: `months` per period, `amount` toman per period. */
export interface PlanPrice {
  months: number;
  amount: number;
}

/** A subscription plan. A null limit means unlimited. Exactly one active plan may be the trial. */
export const plans = pgTable(
  'plans',
  {
    id: id(),
    name: text().notNull(),
    /** English name; the Persian one is `name`. */
    nameEn: text().notNull().default(''),
    agentsLimit: integer(),
    customersLimit: integer(),
    departmentsLimit: integer(),
    prices: jsonb().$type<PlanPrice[]>().notNull().default([]),
    /** The free trial plan new workspaces start on, for `trialDays`. */
    trial: boolean().notNull().default(false),
    trialDays: integer().notNull().default(14),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('plans_one_trial_uq')
      .on(t.trial)
      .where(sql`${t.trial} and ${t.active}`),
  ],
);

/**
 * A workspace's subscription: its plan until `endsAt`; then `graceDays` (platform setting) of
 * grace; then read-only. `suspendedAt` is the operator's suspension, independent of payment.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    workspaceId: workspaceRef()
      .primaryKey()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    planId: ref()
      .notNull()
      .references(() => plans.id),
    startedAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    /** The mobile the organisation signed up with (unique across the platform). */
    ownerMobile: text(),
    /** Which reminder was last sent for the current `endsAt` ('7d', '1d', 'ended', 'grace_over'). */
    remindedStage: text(),
    remindedFor: tstz(),
    suspendedAt: tstz(),
    suspensionNote: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('subscriptions_ends_idx').on(t.endsAt), uniqueIndex('subscriptions_owner_mobile_uq').on(t.ownerMobile)],
);

/** A sign-up waiting for its one-time code (I1). One open sign-up per mobile. */
export const signups = pgTable(
  'signups',
  {
    id: id(),
    mobile: text().notNull(),
    slug: text().notNull(),
    organisation: text().notNull(),
    locale: text().notNull().default('fa'),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: tstz().notNull(),
    ip: text().notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('signups_mobile_uq').on(t.mobile), index('signups_expires_idx').on(t.expiresAt)],
);

/** The operator's settings for the whole platform: one row, `key = 'platform'`. */
export const platformSettings = pgTable('platform_settings', {
  key: text().primaryKey(),
  data: jsonb().notNull().default({}),
  updatedAt: updatedAt(),
});

/** For payments of purpose 'subscription': what was bought. */
export const subscriptionPurchase = {
  planId: ref().references(() => plans.id),
  months: integer(),
  periods: integer(),
  /** The unused part of the old plan credited against the price (toman). */
  proration: bigint({ mode: 'number' }),
};
