/** Public surface of two-factor sign-in (K11), inside the auth module. */
export { checkSecondFactor } from './check-second-factor';
export { meTwoFactor } from './get-two-factor';
export { twoFactorRoutes } from './two-factor.routes';
export { twoFactorApiDocs } from './two-factor.api-docs';
