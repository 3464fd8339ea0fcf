import { z } from 'zod';
import { ZBool, ZEmail, ZId, ZIdInput, ZIdParam, ZList, ZPageQuery } from './common';
import { ZTimeZone } from './settings';
import { ZTicketWorkflow } from './catalogue';
import { ZTicketSla } from './sla';
import { ZTicketCsat } from './csat';
import { ZTicketMergeFields } from './ticket-merge';

export const ZStatus = z.enum(['active', 'pending', 'closed', 'locked']);
export const ZPriority = z.enum(['urgent', 'high', 'medium', 'low']);
export const ZDirection = z.enum(['rtl', 'ltr', 'auto']);
export const ZMessageKind = z.enum(['reply', 'note']);
export type TStatus = z.infer<typeof ZStatus>;

/**
 * A ticket in a path: its number (digits, optionally with a leading '#') or, for a request of a
 * desk, its key (`SETIRAN-30`, any letter case). A number is given as a number, a key as the
 * upper-cased string.
 */
export type TicketRef = number | string;
export const ZTicketRef = z
  .string()
  .regex(/^(#?[1-9]\d{0,9}|[A-Za-z]{2,10}-[1-9]\d{0,9})$/)
  .transform((v): TicketRef => (/^#?\d+$/.test(v) ? Number(v.replace('#', '')) : v.toUpperCase()));
export const ZNumberParams = z.object({ number: ZTicketRef });
/** A guest's ticket in a path: by number only (guests' tickets have no desk key). */
export const ZGuestNumberParams = z.object({
  number: z
    .string()
    .regex(/^#?[1-9]\d{0,9}$/)
    .transform((v) => Number(v.replace('#', ''))),
});
export const ZNumberAndIdParams = ZNumberParams.extend({ id: ZIdParam });
export const ZGuestNumberAndIdParams = ZGuestNumberParams.extend({ id: ZIdParam });

const ZEmails = z.array(ZEmail).max(20);
/** Rich text from the editor: sanitised on the server before it is stored. */
const ZBody = z.string().max(200_000);

export const ZRequester = z.object({
  id: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  level: z.enum(['member', 'guest', 'agent']),
});
export const ZRef = z.object({ id: z.string(), name: z.string() });

/**
 * Where a search matched (issue 14): a short plain-text fragment of the subject or of the latest
 * visible message holding a searched word (a customer's never comes from a note), and the matched
 * words as [start, end) offsets into `text` (UTF-16 code units, as JavaScript strings count).
 * Render `text` as text and the marks as highlighted ranges of it: it is never HTML.
 */
export const ZSnippet = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
});
export type TSnippet = z.infer<typeof ZSnippet>;

export const ZTicketListItem = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: ZStatus,
  priority: ZPriority,
  department: ZRef,
  requester: ZRequester,
  assignees: z.array(ZRef),
  messageCount: z.number().int(),
  waitingSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  pinned: z.boolean(),
  internal: z.boolean(),
  tags: z.array(z.string()),
  deleted: z.boolean(),
  /** A desk request's key (`SETIRAN-30`); null for other tickets. */
  key: z.string().nullable().optional(),
  /** A desk request's type and workflow status (E2, E4); null for other tickets. */
  requestType: ZTicketWorkflow.requestType,
  workflowStatus: ZTicketWorkflow.workflowStatus,
  /** E3: the SLA's due times and state (the list's countdown chip); null without a policy. */
  sla: ZTicketSla.optional(),
  /** Only when the list was searched (`q`). */
  snippet: ZSnippet.optional(),
});
export type TTicketListItem = z.infer<typeof ZTicketListItem>;

/**
 * A page of tickets. Counting a list of hundreds of thousands of tickets exactly would cost
 * more than the page itself, so `total` is exact up to a cap (at least 1,000, and always past
 * the requested page); beyond it `totalExact` is false and `total` is the cap ("1,000+").
 */
export const ZTicketPage = z.object({
  items: z.array(ZTicketListItem),
  total: z.number().int(),
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TTicketPage = z.infer<typeof ZTicketPage>;

export const ZAttachment = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  url: z.string(),
});

export const ZTicket = ZTicketListItem.omit({ snippet: true }).extend({
  body: z.string(),
  direction: ZDirection,
  type: ZRef.nullable(),
  cc: z.array(z.string()),
  bcc: z.array(z.string()).optional(),
  lastReplyAt: z.string().nullable(),
  unansweredFor: z.number().int().nullable(),
  followers: z.array(ZRef),
  /** The reader's own choice on this ticket: false after "don't notify me" (C23). */
  notifyMe: z.boolean(),
  attachments: z.array(ZAttachment),
  noteCount: z.number().int().optional(),
  closedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  ...ZTicketWorkflow,
  ...ZTicketMergeFields,
  /** K5: the satisfaction survey's answer (staff, and the requester for their own); null before. */
  csat: ZTicketCsat.nullable(),
});
export type TTicket = z.infer<typeof ZTicket>;

export const ZCreateTicket = z.object({
  subject: z.string().trim().min(1).max(250),
  body: ZBody,
  departmentId: ZIdInput,
  typeId: ZIdInput.nullish(),
  priority: ZPriority.default('medium'),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  pinned: z.boolean().default(false),
  cc: ZEmails.default([]),
  bcc: ZEmails.default([]),
  attachmentIds: z.array(z.string().max(100)).max(3, 'validation.max_attachments').default([]),
  requesterId: ZIdInput.nullish(),
  requesterGroupId: ZIdInput.nullish(),
  internal: z.boolean().default(false),
  status: ZStatus.optional(),
  direction: ZDirection.default('auto'),
  assigneeIds: z.array(ZIdInput).max(20).optional(),
  /** The knowledge base's suggestion session of the form it was written in (deflection numbers). */
  kbSession: z.uuid().optional(),
});
export type TCreateTicket = z.infer<typeof ZCreateTicket>;

export const ZUpdateTicket = z
  .object({
    subject: z.string().trim().min(1).max(250),
    body: ZBody,
    departmentId: ZIdInput,
    typeId: ZIdInput.nullable(),
    priority: ZPriority,
    status: ZStatus,
    assigneeIds: z.array(ZIdInput).max(20),
    pinned: z.boolean(),
    tags: z.array(z.string().trim().min(1).max(50)).max(20),
    followerIds: z.array(ZIdInput).max(50),
    sharedWithIds: z.array(ZIdInput).max(50),
    notify: z.boolean(),
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'validation.empty_patch');
export type TUpdateTicket = z.infer<typeof ZUpdateTicket>;

export const ZTicketSort = z.enum([
  'waiting',
  '-waiting',
  'created',
  '-created',
  'number',
  '-number',
  'subject',
  '-subject',
  'status',
  '-status',
  'department',
  '-department',
  'email',
  '-email',
  'priority',
  '-priority',
  'updated',
  '-updated',
]);

export const ZListTicketsQuery = ZPageQuery.extend({
  status: ZList(ZStatus).optional(),
  priority: ZList(ZPriority).optional(),
  departmentId: ZList(ZId).optional(),
  assigneeId: z.union([z.literal('me'), z.literal('none'), ZId]).optional(),
  requesterId: ZId.optional(),
  typeId: ZId.optional(),
  tag: z.string().trim().max(50).optional(),
  q: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  createdFrom: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  createdTo: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  includeDeleted: ZBool.optional(),
  deletedOnly: ZBool.optional(),
  internal: ZBool.optional(),
  /** E3: tickets whose SLA is in warning (a due time is near) or breached (a target was missed). */
  sla: z.enum(['warning', 'breached']).optional(),
  pinnedFirst: ZBool.default(true),
  sort: ZTicketSort.optional(),
});
export type TListTicketsQuery = z.infer<typeof ZListTicketsQuery>;

export const ZDelivery = z.object({
  status: z.enum(['queued', 'sent', 'failed']),
  error: z.string().nullable(),
  attempts: z.number().int(),
  at: z.string().nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZMessage = z.object({
  id: z.string(),
  kind: ZMessageKind,
  author: z.object({
    id: z.string().nullable(),
    name: z.string(),
    level: z.enum(['member', 'guest', 'agent', 'system']),
    avatarUrl: z.string().nullable(),
  }),
  body: z.string(),
  direction: ZDirection,
  cc: z.array(z.string()),
  bcc: z.array(z.string()).optional(),
  attachments: z.array(ZAttachment),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** Staff only: how mailing this reply to the requester went (F3); null when it is not mailed. */
  delivery: ZDelivery.nullable().optional(),
  /**
   * E2: the workflow step this message records (its body is the comment given with it, maybe
   * empty): render as «وضعیت درخواست شما تغییر کرد به …» / the step's name in the reader's language.
   */
  transition: z
    .object({
      id: z.string(),
      name: z.string(),
      from: z.string(),
      to: z.string(),
      toName: z.string(),
      customerLabel: z.string(),
    })
    .nullable()
    .optional(),
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZCreateMessage = z.object({
  body: ZBody,
  kind: ZMessageKind.default('reply'),
  statusAfter: ZStatus.optional(),
  cc: ZEmails.default([]),
  bcc: ZEmails.default([]),
  attachmentIds: z.array(z.string().max(100)).max(3, 'validation.max_attachments').default([]),
  direction: ZDirection.default('auto'),
  lastSeenMessageId: ZIdInput.nullish(),
  force: z.boolean().default(false),
  signature: z.boolean().default(true),
});
export type TCreateMessage = z.infer<typeof ZCreateMessage>;
export const ZUpdateMessage = z.object({ body: ZBody, direction: ZDirection.optional() });

export const ZBulk = z.object({
  numbers: z.array(z.number().int().positive()).min(1).max(500),
  action: z.enum(['status', 'priority', 'lock', 'transfer', 'delete', 'restore', 'assign']),
  value: z
    .union([z.string(), z.object({ departmentId: ZIdInput.optional(), assigneeId: ZIdInput.nullish() })])
    .optional(),
});
export const ZBulkResult = z.object({
  done: z.array(z.number().int()),
  failed: z.array(z.object({ number: z.number().int(), error: z.object({ code: z.string(), message: z.string() }) })),
});

export const ZTicketEvent = z.object({
  id: z.string(),
  kind: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export const ZTicketView = z.object({ user: ZRef, byAdmin: z.boolean(), viewedAt: z.string() });

export const ZDashboard = z.object({
  role: z.enum(['admin', 'agent', 'customer']),
  awaitingMe: z.number().int().optional(),
  myOpen: z.number().int().optional(),
  departments: z.object({ active: z.number().int(), pending: z.number().int() }).optional(),
  mine: z.object({ active: z.number().int(), pending: z.number().int() }).optional(),
  unassigned: z.number().int().optional(),
  /** Staff: tickets their departments received today, the workspace's day (setting `timeZone`). */
  today: z.object({ opened: z.number().int() }).optional(),
});

/** The agent dashboard's chart: tickets opened per day, by their current status. */
export const ZStatusSeriesQuery = z.object({
  days: z.coerce.number().int().min(1).max(90).default(14),
  /** Whose days; without it, the workspace's time zone (setting `timeZone`). */
  tz: ZTimeZone.optional(),
});
export const ZStatusSeries = z.object({
  tz: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      active: z.number().int(),
      pending: z.number().int(),
      closed: z.number().int(),
      locked: z.number().int(),
    }),
  ),
});

// Guests (F4)
export const ZGuestCreate = z.object({
  name: z.string().trim().min(1).max(120),
  email: ZEmail,
  subject: z.string().trim().min(1).max(250),
  body: ZBody,
  departmentId: ZIdInput,
  attachmentIds: z.array(z.string().max(100)).max(3, 'validation.max_attachments').default([]),
  direction: ZDirection.default('auto'),
  kbSession: z.uuid().optional(),
});
export const ZGuestCreated = z.object({ number: z.number().int(), trackingCode: z.string() });
/** A missing or malformed code is just a wrong code: the action answers 404, never 400. */
export const ZTrackingQuery = z.object({ code: z.string().max(200).catch('') });
export const ZGuestReply = z.object({
  body: ZBody,
  attachmentIds: z.array(z.string().max(100)).max(3, 'validation.max_attachments').default([]),
  direction: ZDirection.default('auto'),
});
export const ZGuestTicket = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: ZStatus,
  priority: ZPriority,
  department: ZRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  messages: z.array(ZMessage),
});

export const ZUpload = z.object({ id: z.string(), name: z.string(), size: z.number().int(), contentType: z.string() });
