import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of cloud sign-up (platform/http/api-docs.ts). */
export const cloudSignupApiDocs: ApiDocs = {
  'GET /public/platform': {
    operationId: 'getPlatform',
    summary: 'What this server is',
    description:
      'Public, outside any workspace. `cloud` says whether organisations sign up here for their own helpdesk (cloud mode); `domain` is the domain workspaces are reached under as `<slug>.<domain>`, or null when they are reached at `/w/<slug>` (and always null self-hosted); `workspace` says whether a workspace answers at this address (the host name or the x-workspace header) — false on the platform’s own address, where the landing page and sign-up are.',
    errors: [404],
  },
  'POST /public/signup': {
    operationId: 'startSignup',
    summary: 'Sign up an organisation',
    description:
      'Cloud mode only (404 otherwise); public, outside any workspace. Takes the organisation’s mobile, the address it wants (`slug`: 4–31 lower-case English letters, digits and dashes, starting with a letter) and its name, and the accepted terms; sends a six-digit code to the mobile by SMS, valid for `expiresIn` seconds. Nothing is created yet: the sign-up waits for POST /public/signup/verify, and asking again for the same mobile replaces it (after `resendIn` seconds). Refused with 400 for a reserved address, 409 when the address is already a helpdesk (field `slug`) or the mobile already owns one (field `mobile`: its owner signs in instead), and 429 with Retry-After before the resend wait is over, after 3 codes to one mobile in 10 minutes or 10 sign-ups from one address in an hour.',
    errors: [409, 429],
    example: { mobile: '09121234567', slug: 'acme-support', organisation: 'Acme', acceptTerms: true, locale: 'fa' },
  },
  'POST /public/signup/verify': {
    operationId: 'verifySignup',
    summary: 'Confirm a sign-up',
    description:
      'Cloud mode only (404 otherwise); public, outside any workspace. With the code sent to the mobile, creates the workspace (its title the organisation’s name, its language the sign-up’s), its administrator (username = the address, with that mobile) and signs the administrator in: the answer sets the session cookie and carries the CSRF token, the workspace’s address (`url`) and `signInUrl`, where the browser goes next: the workspace’s admin screens, or — with CLOUD_DOMAIN, whose workspace hosts cannot see the platform host’s cookie — a one-time address on the workspace’s host (valid two minutes) that sets the session there. The administrator’s sign-in link is also sent by SMS. A wrong code answers 400 (field `code`); the fifth wrong code, an expired code or no waiting sign-up also answer 400 and the sign-up must be started again. 409 when the address or the mobile was taken since the code was sent; 429 after 30 tries from one address in 10 minutes.',
    errors: [409, 429],
    example: { mobile: '09121234567', code: '123456' },
  },
  'GET /public/signup/handoff': {
    operationId: 'redeemSignupHandoff',
    summary: 'Finish a sign-up on the workspace’s own host',
    description:
      'Public; the workspace comes from the host name. Opened by the browser at the `signInUrl` of verifySignup when workspaces live under CLOUD_DOMAIN: a valid token (sealed, for this workspace, at most two minutes old, used once) sets the new administrator’s session cookie on this host and redirects (303) to /admin; anything else redirects to /login, where the SMS link or a one-time code signs them in.',
    errors: [404],
    success: { status: 303, description: 'Redirect to /admin (signed in) or to /login.' },
  },
};
