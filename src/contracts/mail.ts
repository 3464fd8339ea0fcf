import { z } from 'zod';
import { patchShape, ZEmail, ZIdInput, ZIdParam, ZPageQuery } from './common';

export const ZMailProtocol = z.enum(['imap', 'pop3', 'none']);
export const ZMailTls = z.enum(['tls', 'starttls', 'none']);
export const ZAfterFetch = z.enum(['seen', 'move']);

/** A DNS name or an IPv4/IPv6 literal. */
export const ZHost = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .refine(
    (h) =>
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/.test(h) ||
      (/^\[?[0-9a-f:.]+\]?$/.test(h) && h.includes(':')),
    'validation.host',
  );
export const ZPort = z
  .number({ error: 'validation.port' })
  .int('validation.port')
  .min(1, 'validation.port')
  .max(65535, 'validation.port');
/** Write-only: a string sets it, `null` clears it, leaving it out keeps the stored one. */
const ZSecret = z.string().min(1).max(500).nullable();
const ZMailUser = z.string().trim().min(1).max(254);
const ZFolder = z.string().trim().min(1).max(200);

export const ZInboundInput = z.object({
  protocol: ZMailProtocol.default('none'),
  host: ZHost.nullish(),
  /** Defaults by protocol and TLS: IMAP 993/143, POP3 995/110. */
  port: ZPort.nullish(),
  tls: ZMailTls.default('tls'),
  username: ZMailUser.nullish(),
  password: ZSecret.optional(),
  folder: ZFolder.default('INBOX'),
  afterFetch: ZAfterFetch.default('seen'),
  moveToFolder: ZFolder.nullish(),
});
export const ZOutboundInput = z.object({
  host: ZHost,
  /** Defaults by TLS: 465 for implicit TLS, 587 otherwise. */
  port: ZPort.nullish(),
  tls: ZMailTls.default('starttls'),
  auth: z.boolean().default(true),
  username: ZMailUser.nullish(),
  password: ZSecret.optional(),
});

export const ZCreateMailbox = z.object({
  /** null (or left out): the workspace's system account for notifications. */
  departmentId: ZIdInput.nullish(),
  address: ZEmail,
  displayName: z.string().trim().max(120).default(''),
  active: z.boolean().default(true),
  inbound: ZInboundInput.default({ protocol: 'none', tls: 'tls', folder: 'INBOX', afterFetch: 'seen' }),
  outbound: ZOutboundInput,
  fetchIntervalMinutes: z.number().int().min(1).max(1440).default(5),
});
export type TCreateMailbox = z.infer<typeof ZCreateMailbox>;

/** PATCH: every field optional, also inside `inbound` and `outbound`; no defaults leak in. */
const updateShape = {
  ...patchShape(ZCreateMailbox),
  inbound: z.object(patchShape(ZInboundInput)).optional(),
  outbound: z.object(patchShape(ZOutboundInput)).optional(),
};
export const ZMailboxSettingsPatch = z.object(updateShape);
export const ZUpdateMailbox = ZMailboxSettingsPatch.refine(
  (v) => Object.values(v).some((x) => x !== undefined),
  'validation.empty_patch',
);
export type TUpdateMailbox = z.infer<typeof ZMailboxSettingsPatch>;

export const ZListMailboxesQuery = ZPageQuery.extend({ departmentId: ZIdInput.optional() });
export type TListMailboxesQuery = z.infer<typeof ZListMailboxesQuery>;

/** What leaves the server: passwords only as `hasPassword`. */
export const ZMailbox = z.object({
  id: z.string(),
  departmentId: z.string().nullable(),
  address: z.string(),
  displayName: z.string(),
  active: z.boolean(),
  inbound: z.object({
    protocol: ZMailProtocol,
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    tls: ZMailTls,
    username: z.string().nullable(),
    hasPassword: z.boolean(),
    folder: z.string(),
    afterFetch: ZAfterFetch,
    moveToFolder: z.string().nullable(),
  }),
  outbound: z.object({
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    tls: ZMailTls,
    auth: z.boolean(),
    username: z.string().nullable(),
    hasPassword: z.boolean(),
  }),
  fetchIntervalMinutes: z.number().int(),
  status: z.object({
    lastFetchAt: z.string().nullable(),
    lastError: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    nextFetchAt: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TMailbox = z.infer<typeof ZMailbox>;

/** `blocked`: the server is or resolves to a local, private or reserved address (ALLOW_PRIVATE_NETWORK_TARGETS). */
export const ZTestStage = z.enum(['dns', 'blocked', 'connect', 'tls', 'auth', 'protocol']);
export const ZDirectionResult = z.object({
  ok: z.boolean(),
  /** Nothing to test (inbound protocol `none`). */
  skipped: z.boolean().optional(),
  /** Where it failed. */
  stage: ZTestStage.optional(),
  /** The low-level error code (ENOTFOUND, ECONNREFUSED, ERR_SSL_…, server reply…). */
  code: z.string().optional(),
  message: z.string(),
  host: z.string().nullable().optional(),
  port: z.number().int().nullable().optional(),
  ms: z.number().int().optional(),
});
export type TDirectionResult = z.infer<typeof ZDirectionResult>;
export const ZMailboxTestResult = z.object({
  ok: z.boolean(),
  inbound: ZDirectionResult,
  outbound: ZDirectionResult,
  message: z.string(),
});
export type TMailboxTestResult = z.infer<typeof ZMailboxTestResult>;

/** Unsaved settings to try before saving: over a stored mailbox (PATCH shape) or whole (create shape). */
export const ZTestMailboxOverrides = ZMailboxSettingsPatch;

/** "Refresh now": fetch one mailbox, or every inbound mailbox of the workspace. */
/** "Refresh now": one mailbox (its id as a string or a number) or, without one, all of them. */
export const ZFetchMailboxes = z.object({ mailboxId: ZIdInput.optional() });
export const ZFetchQueued = z.object({ queued: z.array(z.string()) });
export type TFetchMailboxes = z.infer<typeof ZFetchMailboxes>;
export type TFetchQueued = z.infer<typeof ZFetchQueued>;

/** C19: the form fields of `POST /tickets/import` (multipart, beside the .eml file `file`). */
export const ZImportEmlFields = z.object({ departmentId: ZIdInput, assigneeId: ZIdInput.optional() });

/** A message intake could not import (F2), kept with its error and raw bytes. */
export const ZQuarantinedMail = z.object({
  id: z.string(),
  mailboxId: z.string(),
  sourceKey: z.string(),
  messageId: z.string().nullable(),
  /** `locked`: it answers a locked ticket (C4) and is appended by a retry once unlocked; `error`: it failed. */
  reason: z.enum(['error', 'locked']),
  ticketNumber: z.number().int().nullable(),
  error: z.string().nullable(),
  hasRaw: z.boolean(),
  createdAt: z.string(),
});
export type TQuarantinedMail = z.infer<typeof ZQuarantinedMail>;
export const ZQuarantineParams = z.object({ id: ZIdParam, entryId: ZIdParam });
export const ZRetryResult = z.object({
  outcome: z.enum(['ticket', 'reply', 'ignored', 'quarantined', 'duplicate']),
  ticketNumber: z.number().int().nullable(),
});
export type TRetryResult = z.infer<typeof ZRetryResult>;
