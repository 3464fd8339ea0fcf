import { z } from 'zod';
import { ZEmail, ZMobile, ZPassword, ZUsername } from './common';
import { ZPermission, ZUser } from './people';
import { ZMeTwoFactor } from './two-factor';

export const ZLogin = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  /** K11: the authenticator's six digits, or a recovery code, when two-factor sign-in is on. */
  code: z.string().trim().max(20).optional(),
});

export const ZMe = z.object({
  user: ZUser,
  workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  permissions: z.array(ZPermission),
  csrfToken: z.string().nullable(),
  /** K11: the web app sends staff whom the workspace requires it of, and who lack it, to set it up. */
  twoFactor: ZMeTwoFactor,
});

/**
 * `GET /auth/session`: the same person as `/auth/me`, or `null` — a 200 either way, so that a
 * client (the web app at start-up) learns "signed out" without provoking an error.
 */
export const ZSessionState = z.object({ signedIn: z.boolean(), me: ZMe.nullable() });

export const ZForgotPassword = z.object({ login: z.string().trim().min(1).max(254) });
export const ZResetPassword = z.object({ token: z.string().min(20).max(200), password: ZPassword });

export const ZRegister = z.object({
  mobile: ZMobile,
  username: ZUsername,
  name: z.string().trim().max(120).optional(),
  email: ZEmail.optional(),
  acceptTerms: z.literal(true, { error: 'validation.accept_terms' }),
});
export const ZOtpRequest = z.object({ mobile: ZMobile });
export const ZOtpVerify = z.object({
  mobile: ZMobile,
  code: z
    .string()
    .trim()
    .regex(/^[0-9۰-۹٠-٩]{6}$/, 'validation.otp_code'),
});
export const ZOtpSent = z.object({ mobile: z.string(), expiresInSeconds: z.number().int() });
