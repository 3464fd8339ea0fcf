import { z } from 'zod';
import { ZMobile } from './common';

export const ZSmsProvider = z.enum(['kavenegar', 'smsir', 'melipayamak', 'ghasedak', 'log']);

/** GET /sms-gateway: secrets are never answered, only whether they are set. */
export const ZSmsGateway = z.object({
  provider: ZSmsProvider,
  sender: z.string(),
  username: z.string().nullable(),
  hasApiKey: z.boolean(),
  hasPassword: z.boolean(),
  /** Customers get an SMS when their ticket's status changes (G3). */
  customerStatusSms: z.boolean(),
  /** false: the workspace has none of its own and uses the platform's. */
  configured: z.boolean(),
});
export type TSmsGateway = z.infer<typeof ZSmsGateway>;

/** PUT /sms-gateway: a secret left out (or null) keeps the stored one; "" clears it. */
export const ZSmsGatewayInput = z
  .object({
    provider: ZSmsProvider,
    sender: z.string().trim().max(30).default(''),
    apiKey: z.string().trim().max(500).nullable().optional(),
    username: z.string().trim().max(100).nullable().optional(),
    password: z.string().max(200).nullable().optional(),
    customerStatusSms: z.boolean().optional(),
  })
  .strict();
export type TSmsGatewayInput = z.infer<typeof ZSmsGatewayInput>;

export const ZSmsTestInput = z.object({ mobile: ZMobile }).strict();
export const ZSmsTestResult = z.object({
  ok: z.boolean(),
  status: z.enum(['sent', 'failed', 'skipped']),
  /** The vendor's answer (or why nothing was sent), never a secret. */
  message: z.string(),
  code: z.string().nullable(),
  deliveryId: z.string(),
  parts: z.number().int(),
  price: z.number().int(),
});
export type TSmsTestResult = z.infer<typeof ZSmsTestResult>;
