/** Public surface of the billing module: the SMS credit (I2) and its online top-up (issue 19). */
export { billingRoutes } from './billing.routes';
export { billingApiDocs } from './billing.api-docs';
export { paymentsRoutes } from './payments.routes';
export { paymentsApiDocs } from './payments.api-docs';
export { billingJobs } from './jobs';
export { chargeSms, type ChargeSmsInput, type ChargeSmsResult } from './charge-sms';
export { refundSms, type RefundSmsResult } from './refund-sms';
/** The ledger itself, for the platform operator's grants (cloud mode, issue 19). */
export { creditView } from './credit.repo';
export { addGrant } from './grant-credit';
export { LOW_CREDIT_QUEUE, type LowCreditJob } from './low-balance';
/** The Zarinpal v4 client (issue 19): payments build on it. */
export { createZarinpalClient, ZarinpalError } from './zarinpal';
/** Cloud subscriptions open their payments the way the top-up does, and the callback verifies both. */
export { CALLBACK_PATH, requireZarinpal, startZarinpalPayment } from './zarinpal-of';
export { paymentView } from './list-payments';
