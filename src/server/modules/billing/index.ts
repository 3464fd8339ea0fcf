/** Public surface of the billing module: the SMS credit (I2) and its online top-up (issue 19). */
export { billingRoutes } from './billing.routes';
export { billingApiDocs } from './billing.api-docs';
export { paymentsRoutes } from './payments.routes';
export { paymentsApiDocs } from './payments.api-docs';
export { billingJobs } from './jobs';
export { chargeSms, type ChargeSmsInput, type ChargeSmsResult } from './charge-sms';
export { refundSms, type RefundSmsResult } from './refund-sms';
export { LOW_CREDIT_QUEUE, type LowCreditJob } from './low-balance';
/** The Zarinpal v4 client (issue 19): payments build on it. */
export { createZarinpalClient, ZarinpalError } from './zarinpal';
