/** Public surface of the auth module. */
export { authRoutes } from './auth.routes';
export { authJobs } from './jobs';
/** The SMS outbox: other modules queue texts (sealed) the way sign-in codes go. */
export { SMS_QUEUE, smsSealer, type SmsJob } from './otp';
export { authApiDocs } from './auth.api-docs';
/** K11: two-factor sign-in, registered beside the auth routes. */
export { twoFactorApiDocs, twoFactorRoutes } from './two-factor';
export { queueAdminLink } from './admin-link';
/** A session for an account that just proved itself elsewhere (cloud sign-up). */
export { createSession } from './sessions.repo';
export { setSessionCookie } from './session-cookie';
