/**
 * Public surface of the cloud module (issue 19): plans, each workspace's subscription and its
 * state, the plans' limits, read-only on expiry and the operator's platform settings. Every
 * function here is a no-op or unused while cloud mode is off.
 */
export { getPlatformSettings, updatePlatformSettings, parsePlatformSettings } from './platform-settings';
export { subscriptionState, graceEndsAt } from './subscription-state';
export {
  getSubscriptionRow,
  startTrialSubscription,
  type SubscriptionRow,
  type SubscriptionWithPlan,
} from './subscription.repo';
export {
  createPlan,
  updatePlan,
  listAllPlans,
  listActivePlans,
  getPlan,
  getTrialPlan,
  ensureTrialPlan,
  planToApi,
  type PlanRow,
} from './plans.repo';
export { assertWithinLimit, remainingUnderLimit, limitReached, usageOf, UPGRADE_URL } from './limits';
export { checkWorkspace, clearSubscriptionCache } from './check-workspace';
export { cloudRoutes } from './cloud.routes';
export { cloudApiDocs, cloudApiTag } from './cloud.api-docs';
export { cloudJobs } from './jobs';
/** Buying a plan through Zarinpal; the billing module's verify applies it once paid. */
export { applySubscriptionPayment } from './apply-subscription-payment';
export { subscriptionPaymentsRoutes } from './subscription-payments.routes';
export { subscriptionPaymentsApiDocs } from './subscription-payments.api-docs';
