import { z } from 'zod';
import { ZId, ZIdInput, ZPageQuery, patchOf } from './common';
import { ZTicketRef } from './tickets';

/** Canned responses (K6): api.md "Canned responses". */

/**
 * The placeholders a body may hold, filled by GET /canned-responses/:id/render. Anything else in
 * double braces stays as typed, so the agent sees it before sending. There is no
 * `{{agent.signature}}`: the reply box appends the agent's signature on its own (A9).
 */
export const CANNED_PLACEHOLDERS = [
  'ticket.number',
  'ticket.subject',
  'ticket.department',
  'requester.name',
  'requester.email',
  'agent.name',
  'workspace.name',
] as const;
export type TCannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

/** What the agent types after "/" in the reply box: letters, digits, "-" and "_". */
export const ZCannedShortcut = z
  .string()
  .trim()
  .max(40, 'validation.canned_shortcut')
  .regex(/^[\p{L}\p{N}_-]+$/u, 'validation.canned_shortcut');

export const ZCannedResponse = z.object({
  id: z.string(),
  title: z.string(),
  /** Sanitised HTML with placeholders as typed. */
  body: z.string(),
  /** Stored Persian-folded and lower-cased (ي→ی, ك→ک, ۱→1). */
  shortcut: z.string().nullable(),
  /** Empty: every department. */
  departmentIds: z.array(z.string()),
  shared: z.boolean(),
  /** Who made it (for a personal response: its only reader). */
  ownerId: z.string().nullable(),
  /** Whether the caller may change or remove it. */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCannedResponse = z.infer<typeof ZCannedResponse>;

export const ZCreateCannedResponse = z.object({
  title: z.string().trim().min(1, 'validation.required').max(200),
  body: z.string().min(1, 'validation.required').max(200_000),
  shortcut: ZCannedShortcut.nullish(),
  departmentIds: z.array(ZId).max(100).default([]),
  /** Shared (the team's; admins and canned.manage) or personal (the caller's own). */
  shared: z.boolean(),
});
export type TCreateCannedResponse = z.infer<typeof ZCreateCannedResponse>;

export const ZUpdateCannedResponse = patchOf(ZCreateCannedResponse);
export type TUpdateCannedResponse = z.infer<typeof ZUpdateCannedResponse>;

export const ZListCannedResponsesQuery = ZPageQuery.extend({
  /** Searched in title, shortcut and body, Persian-folded. */
  q: z.string().trim().max(200).optional(),
  /** The responses for this department plus those for every department. */
  departmentId: ZIdInput.optional(),
  /** Only shared or only the caller's personal ones (default both). */
  scope: z.enum(['all', 'shared', 'personal']).default('all'),
});
export type TListCannedResponsesQuery = z.infer<typeof ZListCannedResponsesQuery>;

export const ZRenderCannedQuery = z.object({ ticketNumber: ZTicketRef });
export const ZRenderedCanned = z.object({ body: z.string() });
export type TRenderedCanned = z.infer<typeof ZRenderedCanned>;
