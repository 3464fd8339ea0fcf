import { z } from 'zod';
import { ZId, ZTimestamp } from './common';

/**
 * Web Push (G1): the install's VAPID public key and a browser's subscription (RFC 8030 endpoint,
 * RFC 8291 keys as the browser's `PushSubscription.toJSON()` gives them).
 */
export const ZPushKey = z.object({ publicKey: z.string() });

/** Unpadded base64url of exactly `bytes` bytes (a trailing `=` padding is accepted and dropped). */
const base64url = (bytes: number, first = '[A-Za-z0-9_-]') => {
  const chars = Math.ceil((bytes * 4) / 3);
  const pad = (3 - (bytes % 3)) % 3;
  return z
    .string()
    .regex(new RegExp(`^${first}[A-Za-z0-9_-]{${chars - 1}}={0,${pad}}$`), 'validation.format')
    .transform((v) => v.replace(/=+$/, ''));
};

export const ZCreatePushSubscription = z.object({
  /** The push service's URL; https (http only where private network targets are allowed). */
  endpoint: z.url({ protocol: /^https?$/, error: 'validation.url' }).max(2048),
  keys: z.object({
    /** The browser's P-256 public key, uncompressed (65 bytes, starting 0x04). */
    p256dh: base64url(65, 'B'),
    /** The authentication secret (16 bytes). */
    auth: base64url(16),
  }),
  /** Sent by browsers in toJSON(); ignored. */
  expirationTime: z.number().nullable().optional(),
});

export const ZCreatedPushSubscription = z.object({ id: ZId });

/** One of the caller's subscriptions, for the profile page: never the endpoint's secret path or keys. */
export const ZPushSubscription = z.object({
  id: ZId,
  /** The push service's host name (fcm.googleapis.com, updates.push.services.mozilla.com…). */
  host: z.string(),
  userAgent: z.string().nullable(),
  createdAt: ZTimestamp,
  lastSuccessAt: ZTimestamp.nullable(),
});
export const ZPushSubscriptions = z.object({ items: z.array(ZPushSubscription) });

export type TCreatePushSubscription = z.infer<typeof ZCreatePushSubscription>;
export type TPushSubscription = z.infer<typeof ZPushSubscription>;
