import type { ApiDocs } from '../../../platform/http/api-docs';

/** The OpenAPI texts of two-factor sign-in (K11; platform/http/api-docs.ts). */
export const twoFactorApiDocs: ApiDocs = {
  'GET /me/two-factor': {
    operationId: 'getMyTwoFactor',
    summary: 'Get my two-factor sign-in state',
    description:
      'Staff (admins and agents; 403 for customers). Whether two-factor sign-in (TOTP, RFC 6238) is on and since when, whether the workspace requires it of the caller’s role (settings.twoFactorRequired), and how many unused recovery codes are left.',
    errors: [403],
  },
  'POST /me/two-factor/setup': {
    operationId: 'setupMyTwoFactor',
    summary: 'Start setting up two-factor sign-in',
    description:
      'Staff. Needs the current password (400 on password when missing or wrong; 10 tries per 10 minutes, then 429). A directory account, or one without a password, sends none and may set up only within 10 minutes of signing in (403 otherwise: sign in again). Makes a new secret, kept as pending until POST /me/two-factor/enable confirms a code from it, and answers it in base32, as an otpauth:// URL (issuer: the workspace title, label: the username) and as a QR code (SVG). 409 when two-factor sign-in is already on.',
    errors: [403, 409, 429],
    example: { password: 'my-current-password' },
  },
  'POST /me/two-factor/enable': {
    operationId: 'enableMyTwoFactor',
    summary: 'Turn two-factor sign-in on',
    description:
      'Staff. The six digits the authenticator shows for the pending secret (Persian or Arabic digits accepted; one step of 30 s either side). Turns two-factor sign-in on and answers ten recovery codes, shown this once: each signs in once instead of a code. A wrong code answers 400 on code; 10 code checks per 10 minutes (429). 409 without a pending setup or when already on.',
    errors: [409, 429],
    example: { code: '492039' },
  },
  'POST /me/two-factor/disable': {
    operationId: 'disableMyTwoFactor',
    summary: 'Turn two-factor sign-in off',
    description:
      'Staff. Needs a current code from the authenticator or an unused recovery code (400 on code when wrong or already used; 10 checks per 10 minutes, 429). Refused with 403 while the workspace requires two-factor sign-in of the caller’s role; 409 when it is off. Answers 204.',
    errors: [403, 409, 429],
    example: { code: '492039' },
  },
  'POST /me/two-factor/recovery-codes': {
    operationId: 'renewMyRecoveryCodes',
    summary: 'Make new recovery codes',
    description:
      'Staff with two-factor sign-in on (409 otherwise). Needs a current code (400 on code when wrong; 10 checks per 10 minutes, 429). Ten new recovery codes replace all the old ones, used or not, and are shown this once.',
    errors: [409, 429],
    example: { code: '492039' },
  },
  'GET /users/:id/two-factor': {
    operationId: 'getUserTwoFactor',
    summary: 'Get a person’s two-factor sign-in state',
    description:
      'Admins. Whether two-factor sign-in is on for this person, since when, and how many recovery codes are left; never the secret. 404 for an id of another workspace.',
    errors: [403, 404],
  },
  'DELETE /users/:id/two-factor': {
    operationId: 'resetUserTwoFactor',
    summary: 'Turn off a person’s two-factor sign-in',
    description:
      'Admins, for someone who lost their authenticator and their recovery codes: clears the secret and the recovery codes, recorded in the audit log. The person then signs in with the password alone and, where the workspace requires two-factor sign-in, must set it up again before using anything else. One’s own is turned off with POST /me/two-factor/disable (403 here). Answers 204.',
    errors: [403, 404],
  },
};
