import { z } from 'zod';
import { WORKSPACE_SLUG_CHARS } from './workspace-slug';
import { patchOf, ZId, ZIdInput, ZLocale, ZMobile, ZPage, ZPageQuery } from './common';
import { ZPayment } from './payments';

/**
 * Cloud mode (issue 19; api.md "Cloud mode"). Amounts are whole toman (IRT) everywhere, as in
 * the SMS credit ledger and at Zarinpal.
 */

/** A workspace's address name: `<slug>.<CLOUD_DOMAIN>` and `/w/<slug>`. Lower-case Latin. */
export const ZWorkspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(new RegExp(`^${WORKSPACE_SLUG_CHARS}$`), 'validation.workspace_slug');

/** Names no organisation may take (they are, or may become, the platform's own addresses). */
export const RESERVED_SLUGS = new Set([
  'www',
  'api',
  'app',
  'admin',
  'operator',
  'mail',
  'smtp',
  'imap',
  'pop',
  'ftp',
  'static',
  'assets',
  'cdn',
  'help',
  'support',
  'status',
  'docs',
  'blog',
  'billing',
  'pay',
  'signup',
  'login',
  'default',
  'pishkhan',
  'root',
  'system',
  'test',
  'demo',
]);

export const ZSignup = z.object({
  mobile: ZMobile,
  slug: ZWorkspaceSlug,
  organisation: z.string().trim().min(2, 'validation.organisation').max(120, 'validation.organisation'),
  acceptTerms: z.literal(true, { error: 'validation.accept_terms' }),
  /** The language of the SMS and of the new workspace (default fa). */
  locale: ZLocale.optional(),
});
export type TSignup = z.infer<typeof ZSignup>;

export const ZSignupStarted = z.object({
  /** Seconds the code stays valid. */
  expiresIn: z.number().int(),
  /** Seconds before another code may be asked for this mobile. */
  resendIn: z.number().int(),
});
export type TSignupStarted = z.infer<typeof ZSignupStarted>;

export const ZSignupVerify = z.object({
  mobile: ZMobile,
  code: z.string().trim().min(4).max(10),
});
export type TSignupVerify = z.infer<typeof ZSignupVerify>;

export const ZSignupDone = z.object({
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string(), url: z.string() }),
  /** The admin (username = the slug), signed in by the session cookie this answer sets. */
  user: z.object({ id: z.string(), username: z.string(), mobile: z.string() }),
  csrfToken: z.string(),
  /**
   * Where the browser goes next, signed in: the workspace's admin screens; with CLOUD_DOMAIN a
   * one-time address on the workspace's own host that sets its session cookie there.
   */
  signInUrl: z.string(),
});
export const ZSignupHandoffQuery = z.object({ token: z.string().max(1000).default('') });
export type TSignupDone = z.infer<typeof ZSignupDone>;

/** GET /public/platform: cloud mode, and the domain workspaces live under (null: `/w/<slug>`). */
export const ZPlatformInfo = z.object({
  cloud: z.boolean(),
  domain: z.string().nullable(),
  /** Whether a workspace answers at this address (host name or x-workspace); always true self-hosted. */
  workspace: z.boolean(),
});
export type TPlatformInfo = z.infer<typeof ZPlatformInfo>;

/** What a plan allows; null is unlimited. */
export const ZPlanLimits = z.object({
  agents: z.number().int().min(0).nullable(),
  customers: z.number().int().min(0).nullable(),
  departments: z.number().int().min(0).nullable(),
});
export type TPlanLimits = z.infer<typeof ZPlanLimits>;
export const LIMIT_NAMES = ['agents', 'customers', 'departments'] as const;
export type TLimitName = (typeof LIMIT_NAMES)[number];

export const ZPlanPrice = z.object({
  months: z.number().int().min(1).max(36),
  amount: z.number().int().min(1000).max(1_000_000_000),
});

export const ZPlan = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  limits: ZPlanLimits,
  prices: z.array(ZPlanPrice),
  trial: z.boolean(),
  trialDays: z.number().int(),
  active: z.boolean(),
  position: z.number().int(),
});
export type TPlan = z.infer<typeof ZPlan>;
export const ZPlans = z.array(ZPlan);

/** The operator's plan form. */
export const ZPlanInput = z.object({
  name: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().max(80).default(''),
  limits: ZPlanLimits,
  prices: z
    .array(ZPlanPrice)
    .max(12)
    .refine((p) => new Set(p.map((x) => x.months)).size === p.length, 'validation.plan_prices_unique'),
  trial: z.boolean().default(false),
  trialDays: z.number().int().min(1).max(90).default(14),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(1000).default(0),
});
export type TPlanInput = z.infer<typeof ZPlanInput>;
// patchOf, not .partial(): zod 4 fills defaults inside .partial(), and a patch would reset them.
export const ZPlanPatch = patchOf(ZPlanInput);
export type TPlanPatch = z.infer<typeof ZPlanPatch>;
/** `PATCH /operator/plans` (api.md's spelling): the plan named in the body. */
export const ZPlanPatchWithId = ZPlanPatch.extend({ id: ZIdInput });

export const ZUsage = z.object({
  agents: z.number().int(),
  customers: z.number().int(),
  departments: z.number().int(),
});
export type TUsage = z.infer<typeof ZUsage>;

/**
 * trial/active: writable. grace: the end date passed, still writable until `graceEndsAt`, with a
 * banner. expired: read-only (402 `subscription_expired` on writes). suspended: by the operator.
 */
export const ZSubscriptionState = z.enum(['trial', 'active', 'grace', 'expired', 'suspended']);
export type TSubscriptionState = z.infer<typeof ZSubscriptionState>;

export const ZSubscription = z.object({
  plan: ZPlan,
  state: ZSubscriptionState,
  endsAt: z.string(),
  graceEndsAt: z.string(),
  usage: ZUsage,
  /** Shown to everyone while expired or suspended. */
  suspensionMessage: z.string().nullable(),
});
export type TSubscription = z.infer<typeof ZSubscription>;

export const ZBuySubscription = z.object({
  planId: ZIdInput,
  /** One of the plan's price periods. */
  months: z.number().int().min(1).max(36),
  /** How many such periods are bought at once. */
  periods: z.number().int().min(1).max(12).default(1),
});
export type TBuySubscription = z.infer<typeof ZBuySubscription>;

export const ZSubscriptionQuote = z.object({
  /** The price of the periods bought. */
  price: z.number().int(),
  /** The unused part of the current paid plan, credited (upgrade). */
  proration: z.number().int(),
  /** What is paid: price − proration, at least Zarinpal's minimum. */
  amount: z.number().int(),
  endsAt: z.string(),
});
export const ZSubscriptionStarted = z.object({ paymentUrl: z.string() }).extend(ZSubscriptionQuote.shape);
export type TSubscriptionStarted = z.infer<typeof ZSubscriptionStarted>;

// ---- The platform operator ----

export const ZOperatorLogin = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const ZOperatorSession = z.object({ username: z.string(), csrfToken: z.string() });

export const ZOperatorWorkspacesQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  state: ZSubscriptionState.optional(),
});
export const ZOperatorWorkspace = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  ownerMobile: z.string().nullable(),
  createdAt: z.string(),
  plan: z.object({ id: z.string(), name: z.string() }).nullable(),
  state: ZSubscriptionState.nullable(),
  endsAt: z.string().nullable(),
  usage: ZUsage.extend({ tickets: z.number().int() }),
  /** Toman received (paid payments of both purposes). */
  revenue: z.number().int(),
  credit: z.number().int(),
  suspendedAt: z.string().nullable(),
  suspensionNote: z.string().nullable(),
});
export type TOperatorWorkspace = z.infer<typeof ZOperatorWorkspace>;
export const ZOperatorWorkspaces = ZPage(ZOperatorWorkspace).extend({
  totals: z.object({ workspaces: z.number().int(), revenue: z.number().int() }),
});

export const ZOperatorSuspend = z.object({ note: z.string().trim().max(500).optional() });
export const ZOperatorCredit = z.object({
  amount: z.number().int().min(1).max(1_000_000_000_000),
  note: z.string().trim().min(1).max(500),
});
export const ZOperatorPayment = ZPayment.extend({ workspace: z.object({ id: z.string(), slug: z.string() }) });
export const ZOperatorPayments = ZPage(ZOperatorPayment);
export const ZOperatorPaymentsQuery = ZPageQuery.extend({ workspaceId: ZId.optional() });

/** The operator's platform settings. */
export const ZPlatformSettings = z.object({
  /** Toman per SMS part, for every workspace's credit. */
  smsPrice: z.number().int().min(1).max(100_000).default(190),
  /** Days after the end date during which a workspace stays writable. */
  graceDays: z.number().int().min(0).max(60).default(7),
  /** Days before the end date a reminder is sent (SMS and e-mail to the admins). */
  reminderDays: z.array(z.number().int().min(1).max(60)).max(5).default([7, 1]),
  /** Shown while a workspace is read-only after its grace. */
  expiredMessage: z.string().trim().max(500).default(''),
});
export type TPlatformSettings = z.infer<typeof ZPlatformSettings>;
export const ZPlatformSettingsPatch = patchOf(ZPlatformSettings);
