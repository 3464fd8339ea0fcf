import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the auth module's operations (platform/http/api-docs.ts). */
export const authApiDocs: ApiDocs = {
  'POST /auth/login': {
    operationId: 'login',
    summary: 'Sign in with a password',
    description:
      "Public. The login may be the username (any case), the e-mail address or the mobile number in any common spelling; on success the answer is the same as GET /auth/me and an httpOnly session cookie (pk_session, 30 days) is set, whose writes need the returned csrfToken in the x-csrf-token header. Directory (LDAP / Active Directory) accounts sign in here too: for them, and for a login no local account has, the directories decide the password. A wrong password and an unknown account both answer 401; a disabled account 403, and staff outside the workspace's allowed IP addresses 403 (ip_not_allowed). With two-factor sign-in on (K11), a right password without code answers 401 two_factor_required: send the same login and password again with code, the authenticator's six digits (one step of 30 s either side, each step accepted once) or a recovery code (each works once); a wrong or used code answers 401 two_factor_invalid. Both count as failed tries below. After 5 failures for one account from one address, that address must wait 1 s, then 2, 4 ... up to 15 minutes between tries (429 with Retry-After), and one address may fail at most 30 times per 10 minutes whatever the account; other addresses are not affected.",
    errors: [401, 403, 404, 429],
    example: { login: 'm.ahmadi', password: 'correct horse battery' },
  },
  'POST /auth/ldap': {
    operationId: 'loginWithDirectory',
    summary: 'Sign in with a directory account',
    description:
      'Public. As POST /auth/login, for directory (LDAP / Active Directory) accounts only: the directories are asked in order, the directory decides the password (nothing of it is stored) and the account is created or updated from the entry and its groups. POST /auth/login accepts directory accounts too. A wrong password, an unknown, ambiguous or role-less account, a local account and an unreachable directory all answer the same 401; an account disabled in the directory 403. The same sign-in limits apply (429).',
    errors: [401, 403, 429],
    example: { username: 'ali.rezaei', password: 'directory password' },
  },
  'POST /auth/register': {
    operationId: 'register',
    summary: 'Sign up as a customer',
    description:
      'Public, when the workspace lets customers register (403 registration_closed otherwise; 503 while it is suspended). Checks that the username, e-mail and mobile are free, then sends a 6-digit code by SMS to the mobile and answers 202 with its lifetime (300 seconds); nothing is created until POST /auth/otp/verify confirms the code, which creates the customer and signs it in. Limited to 10 requests per hour per address and 3 codes per 10 minutes per mobile (429).',
    errors: [403, 404, 429],
    example: {
      mobile: '09121234567',
      username: 'maryam.ahmadi',
      name: 'مریم احمدی',
      email: 'maryam.ahmadi@example.com',
      acceptTerms: true,
    },
  },
  'POST /auth/otp/request': {
    operationId: 'requestSignInCode',
    summary: 'Send a sign-in code by SMS',
    description:
      'Public. Sends a 6-digit code, valid for 300 seconds, to the mobile when an active account has that number; the answer (202) is the same whether or not it does, so it reveals no accounts. Limited to 20 requests per hour per address and 3 codes per 10 minutes per mobile (429); refused with 503 while the workspace is suspended.',
    errors: [404, 429],
    example: { mobile: '09121234567' },
  },
  'POST /auth/admin-link': {
    operationId: 'requestAdminLink',
    summary: 'Send the administrator a sign-in link by SMS',
    description:
      'Public (A3). When an active administrator has this mobile, sends them by SMS a link to the sign-in page with the code tab open and the mobile filled in; they then sign in with a one-time code (POST /auth/otp/request and /auth/otp/verify). The answer (202) is the same whether or not such an administrator exists. Limited to 10 requests per hour per address and 3 per 10 minutes per mobile (429). Sent through the workspace’s SMS gateway, recorded in the deliveries log.',
    errors: [404, 429],
    example: { mobile: '09121234567' },
  },
  'POST /auth/otp/verify': {
    operationId: 'verifySignInCode',
    summary: 'Sign in or finish signing up with an SMS code',
    description:
      'Public. Checks the code sent by POST /auth/register or POST /auth/otp/request (Persian or Arabic digits are accepted): a registration code creates the customer now, a sign-in code signs in the account with that mobile. Either way the answer and the session cookie are those of POST /auth/login. A wrong code answers 400 and counts against that code, which dies after 5 wrong guesses, and against the account from this address as wrong passwords do (429 with Retry-After); a disabled account or staff outside the allowed IP addresses get 403, and so does an account with two-factor sign-in on (it signs in with POST /auth/login and a code).',
    errors: [403, 404, 429],
    example: { mobile: '09121234567', code: '482913' },
  },
  'POST /auth/logout': {
    operationId: 'logout',
    summary: 'Sign out',
    description:
      'Signed in. Ends the session of the cookie the request came with and clears the cookie; a call with an API token ends nothing (revoke the token with DELETE /api-tokens/{id} instead). Answers 204.',
  },
  'GET /auth/me': {
    operationId: 'getMe',
    summary: 'Get the signed-in person',
    description:
      'Signed in (session or API token). The person, its workspace, its effective permissions and, for a cookie session, the CSRF token that every write made with the cookie must send in the x-csrf-token header (null with an API token), and twoFactor: whether the person has two-factor sign-in on and whether the workspace requires it of them (while required and off, every other call but sign-in, sign-out, the session and /me/two-factor answers 403 two_factor_setup_required). Answers 401 when not signed in; use GET /auth/session to ask without an error.',
  },
  'GET /auth/session': {
    operationId: 'getSession',
    summary: 'Get the session state',
    description:
      'Public. Always 200: signedIn with the same answer as GET /auth/me when the request carries a live session or token, otherwise signedIn false and me null. Meant for clients that need to learn at start-up whether anyone is signed in.',
    errors: [404],
  },
  'POST /auth/password/forgot': {
    operationId: 'forgotPassword',
    summary: 'Ask for a password reset link',
    description:
      'Public. The login may be a username, e-mail or mobile; when it names an active account with an e-mail address, a reset link valid for 60 minutes is mailed to it, at most once per account per 15 minutes. The answer (202) is the same whether or not a mail was sent, so it reveals no accounts. Limited to 10 requests per 15 minutes per address (429).',
    errors: [404, 429],
    example: { login: 'maryam.ahmadi@example.com' },
  },
  'POST /auth/password/reset': {
    operationId: 'resetPassword',
    summary: 'Set a new password with a reset token',
    description:
      "Public. The token comes from the link mailed by POST /auth/password/forgot; it works once and within its 60 minutes, otherwise 400 on token. Using it sets the password, invalidates the account's other reset links, ends all its sessions and revokes all its API tokens; sign in again afterwards. Limited to 20 requests per 15 minutes per address (429).",
    errors: [404, 429],
    example: { token: 'b3JkZXItNzQxLXJlc2V0LXRva2VuLWV4YW1wbGU', password: 'a-new-long-passphrase' },
  },
};
