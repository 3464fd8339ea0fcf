import { z } from 'zod';

/**
 * K11: two-factor sign-in for staff (TOTP, RFC 6238). The secret is shown once while setting
 * up; recovery codes are shown once when made (the server keeps only their hashes).
 */

/** What `/auth/me` says of the person: whether it is on, and whether the workspace requires it of them. */
export const ZMeTwoFactor = z.object({ enabled: z.boolean(), required: z.boolean() });

/** `GET /me/two-factor` */
export const ZTwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** Whether the workspace requires two-factor sign-in of this person's role. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TTwoFactorStatus = z.infer<typeof ZTwoFactorStatus>;

/** `GET /users/:id/two-factor` (admins): another person's state, never their secret. */
export const ZUserTwoFactor = ZTwoFactorStatus.omit({ required: true });

/**
 * `POST /me/two-factor/setup`: the current password. Directory accounts (and accounts without
 * a password) send none: they may set up within a few minutes of signing in instead.
 */
export const ZTwoFactorSetupInput = z.object({ password: z.string().max(200).optional() });

export const ZTwoFactorSetup = z.object({
  /** The secret in base32, for typing into an authenticator by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code (an SVG document). */
  qrCodeSvg: z.string(),
});

/** The authenticator's six digits (Persian or Arabic digits too), or a recovery code. */
export const ZTwoFactorCode = z.object({ code: z.string().trim().min(1, 'validation.two_factor_code').max(20) });

export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
