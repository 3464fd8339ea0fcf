import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { workspaceFk } from './workspaces';

export const ticketStatus = pgEnum('ticket_status', ['active', 'pending', 'closed', 'locked']);
export const ticketPriority = pgEnum('ticket_priority', ['urgent', 'high', 'medium', 'low']);
export const messageKind = pgEnum('message_kind', ['reply', 'note']);
export const authorKind = pgEnum('author_kind', ['customer', 'agent', 'guest', 'system']);
export const textDirection = pgEnum('text_direction', ['rtl', 'ltr', 'auto']);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const ws = workspaceFk;

/** The next ticket number of each workspace; its row lock makes numbers gapless under concurrency. */
export const ticketCounters = pgTable('ticket_counters', {
  workspaceId: ws().primaryKey(),
  lastNumber: integer().notNull().default(0),
});

export const tickets = pgTable(
  'tickets',
  {
    id: id(),
    workspaceId: ws(),
    number: integer().notNull(),
    subject: text().notNull(),
    departmentId: ref().notNull(),
    typeId: ref(),
    priority: ticketPriority().notNull().default('medium'),
    status: ticketStatus().notNull().default('active'),
    /** The customer (or agent, for internal tickets) the ticket is for; null for guests. */
    requesterId: ref(),
    requesterGroupId: ref(),
    guestName: text(),
    guestEmail: text(),
    /** sha256 of the guest's tracking code. */
    trackingHash: text(),
    createdById: ref(),
    internal: boolean().notNull().default(false),
    pinned: boolean().notNull().default(false),
    assigneeIds: bigint({ mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    tagIds: bigint({ mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    cc: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    bcc: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Replies visible to the requester (notes are counted apart, so no counter leaks them). */
    messageCount: integer().notNull().default(0),
    noteCount: integer().notNull().default(0),
    /** Since when the requester waits for an agent; null while nobody waits on us. */
    waitingSince: tstz(),
    lastMessageAt: tstz(),
    lastAgentReplyAt: tstz(),
    lastCustomerReplyAt: tstz(),
    /** When the ticket entered its current status (auto-close counts from here). */
    statusChangedAt: tstz().notNull().defaultNow(),
    /** Lower-cased e-mail of the requester or guest, for the e-mail filter and sort. */
    requesterEmail: text(),
    /** Normalised subject (Persian-folded), for trigram search. */
    subjectNorm: text().notNull().default(''),
    /** Subject and replies; what a customer may find. Notes live in searchNotes (staff only). */
    searchPublic: tsvector()
      .notNull()
      .default(sql`''::tsvector`),
    searchNotes: tsvector()
      .notNull()
      .default(sql`''::tsvector`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: tstz(),
    /** Issue 20: the first reply by staff (reports' first response time). */
    firstResponseAt: tstz(),
    /** Issue 20: merged into that ticket (this one is closed and points there). */
    mergedIntoId: ref(),
    deletedAt: tstz(),
    deletedById: ref(),
    /** E1/E4: a request of a desk, numbered per desk (its key is `<desk key>-<desk_number>`). */
    deskId: ref(),
    deskNumber: integer(),
    requestTypeId: ref(),
    /** The request form's values by field key, as checked against the request type's fields. */
    values: jsonb(),
    /** E2: the key of the workflow status the request is in. */
    workflowStatus: text(),
    /** E3: the SLA policy that applies (first match by position) and its running due times. */
    slaPolicyId: ref(),
    slaFirstResponseDue: tstz(),
    slaNextResponseDue: tstz(),
    slaResolutionDue: tstz(),
    /** The nearest running due time, and when its warning comes (the timers' instants). */
    slaNextDue: tstz(),
    slaWarnAt: tstz(),
    /** While pending with a pausing policy: since when; the working minutes paused before. */
    slaPausedAt: tstz(),
    slaPausedMinutes: integer().notNull().default(0),
    /** Targets missed so far: 'firstResponse' | 'nextResponse' | 'resolution'. */
    slaBreached: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** 'ok' | 'warning' | 'breached' | 'paused' | 'met'; null without a policy. */
    slaState: text(),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.workspaceId, t.number),
    uniqueIndex('tickets_desk_number_uq')
      .on(t.workspaceId, t.deskId, t.deskNumber)
      .where(sql`${t.deskId} is not null`),
    // "My requests" by request type (E4): a requester's few tickets of one type, newest first.
    index('tickets_request_type_idx')
      .on(t.workspaceId, t.requestTypeId, t.requesterId, t.createdAt)
      .where(sql`${t.requestTypeId} is not null`),
    // The sla=warning|breached filters (E3): few tickets, read in the queue's order.
    index('tickets_sla_state_idx')
      .on(t.workspaceId, t.slaState, t.pinned.desc().nullsFirst(), t.waitingSince.asc().nullsLast(), t.id)
      .where(sql`${t.deletedAt} is null and ${t.slaState} in ('warning', 'breached')`),
    // Form values are searchable by field (`values @> '{"amount": …}'`).
    index('tickets_values_gin')
      .using('gin', sql`${t.values} jsonb_path_ops`)
      .where(sql`${t.values} is not null`),
    // Lists sort pinned first, then by their key (list-tickets.ts); the key columns follow that
    // ORDER BY exactly, so that a page is read in order and stops after pageSize rows
    // (docs/queries.md shows the plans).
    // The open queue (D1): active and pending, pinned first, longest waiting first. The columns
    // after id change no order; they let the queue's count and the dashboard counters be
    // answered from the index alone (index-only scans).
    index('tickets_open_idx')
      .on(
        t.workspaceId,
        t.pinned.desc().nullsFirst(),
        t.waitingSince.asc().nullsLast(),
        t.id,
        t.status,
        t.departmentId,
        t.requesterId,
        t.assigneeIds,
      )
      .where(sql`${t.deletedAt} is null and ${t.status} in ('active', 'pending')`),
    // Every status (staff's default sort when no status is chosen, and tag or text filters
    // that match many tickets): read in order until a page is full.
    index('tickets_waiting_idx')
      .on(t.workspaceId, t.pinned.desc().nullsFirst(), t.waitingSince.asc().nullsLast(), t.id)
      .where(sql`${t.deletedAt} is null`),
    // One department and one status (the filtered queue), or one status across departments.
    index('tickets_queue_idx')
      .on(t.workspaceId, t.departmentId, t.status, t.pinned.desc().nullsFirst(), t.waitingSince.asc().nullsLast(), t.id)
      .where(sql`${t.deletedAt} is null`),
    index('tickets_ws_status_idx')
      .on(t.workspaceId, t.status, t.pinned.desc().nullsFirst(), t.waitingSince.asc().nullsLast(), t.id)
      .where(sql`${t.deletedAt} is null`),
    // Newest first (-created, -updated): read backwards, pinned desc then time desc.
    index('tickets_created_idx').on(t.workspaceId, t.pinned, t.createdAt, t.id),
    // Reports (issue 20): a date range of one workspace, created or closed.
    index('tickets_report_created_idx')
      .on(t.workspaceId, t.createdAt)
      .where(sql`${t.deletedAt} is null`),
    index('tickets_report_closed_idx')
      .on(t.workspaceId, t.closedAt)
      .where(sql`${t.deletedAt} is null and ${t.closedAt} is not null`),
    index('tickets_updated_idx').on(t.workspaceId, t.pinned, t.updatedAt, t.id),
    index('tickets_requester_idx').on(t.workspaceId, t.requesterId, t.createdAt),
    // Tickets opened for a customer group (C18), for its members' lists.
    index('tickets_requester_group_idx')
      .on(t.workspaceId, t.requesterGroupId)
      .where(sql`${t.requesterGroupId} is not null`),
    // The e-mail filter is a prefix match (like 'abc%'): pattern ops, as the collation is not C.
    index('tickets_email_idx').on(t.workspaceId, t.requesterEmail.op('text_pattern_ops')),
    index('tickets_assignees_gin').using('gin', t.assigneeIds),
    index('tickets_tags_gin').using('gin', t.tagIds),
    // (workspace, vector), btree_gin (migration 0036): the words are already the workspace's own
    // (`<workspace id>:<word>`), the workspace key is there for the planner — a search handed over
    // without the vectors' statistics (search-conditions.ts, `opaque`) is estimated at the
    // workspace's share of the default, not at the whole table's, and keeps these indexes.
    index('tickets_search_public_gin').using('gin', t.workspaceId, t.searchPublic),
    index('tickets_search_notes_gin').using('gin', t.workspaceId, t.searchNotes),
    // (workspace, trigram): btree_gin keys the workspace in the same GIN index, so a subject search
    // reads this workspace's entries of each trigram only (migration 0031).
    index('tickets_subject_trgm').using('gin', t.workspaceId, sql`${t.subjectNorm} gin_trgm_ops`),
    // Auto-close (C20): pending tickets of a workspace by the time they started waiting for the
    // customer — the later of the last agent answer and the status change (auto-close.job.ts).
    index('tickets_pending_since_idx')
      .on(t.workspaceId, sql`greatest(${t.statusChangedAt}, ${t.lastAgentReplyAt})`)
      .where(sql`${t.status} = 'pending' and ${t.deletedAt} is null`),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    workspaceId: ws(),
    ticketId: ref().notNull(),
    kind: messageKind().notNull(),
    authorId: ref(),
    authorKind: authorKind().notNull(),
    authorName: text().notNull().default(''),
    bodyHtml: text().notNull(),
    direction: textDirection().notNull().default('auto'),
    cc: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    bcc: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    editedAt: tstz(),
    /** The e-mail Message-ID (no angle brackets) of a mail taken in or sent out, for threading. */
    emailMessageId: text(),
    /**
     * A reply mailed to the requester (F3): 'queued', 'sending' (an attempt has claimed it, at
     * `delivery_at`), 'sent' or 'failed'; null when it is not mailed. The error is the last
     * attempt's (SMTP answer or connection failure, no secrets).
     */
    deliveryStatus: text(),
    deliveryError: text(),
    deliveryAttempts: integer().notNull().default(0),
    deliveryAt: tstz(),
    /**
     * E2: the workflow step this message records — `{ id, name, from, to, toName, customerLabel }`
     * — its body being the comment given with it (or empty). Rendered in the reader's language.
     */
    transition: jsonb(),
  },
  (t) => [
    index('messages_ticket_idx').on(t.ticketId, t.id),
    index('messages_email_message_id_idx')
      .on(t.workspaceId, t.emailMessageId)
      .where(sql`${t.emailMessageId} is not null`),
  ],
);

/** Followers (C13) and people a request is shared with (C23); `notify` false is "don't notify me". */
export const ticketParticipants = pgTable(
  'ticket_participants',
  {
    workspaceId: ws(),
    ticketId: ref().notNull(),
    userId: ref().notNull(),
    kind: text().notNull(), // 'follower' | 'shared'
    notify: boolean().notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketId, t.userId, t.kind] }),
    index('ticket_participants_user_idx').on(t.userId, t.kind),
  ],
);

/** C21: every change of a ticket, with actor and time, written in the change's transaction. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    workspaceId: ws(),
    ticketId: ref().notNull(),
    actorId: ref(),
    actorName: text().notNull().default(''),
    kind: text().notNull(),
    data: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
);

/** C22: who opened a ticket and when; views by admins are shown only to admins. */
export const ticketViews = pgTable(
  'ticket_views',
  {
    id: id(),
    workspaceId: ws(),
    ticketId: ref().notNull(),
    userId: ref().notNull(),
    byAdmin: boolean().notNull().default(false),
    viewedAt: createdAt(),
  },
  (t) => [index('ticket_views_ticket_idx').on(t.ticketId, t.viewedAt)],
);

/**
 * F4 (issue 14): a mail of a guest's tracking link — right after the guest form, and on each
 * "e-mail me again". Like a reply's `delivery_*` columns, the row records the mail before it is
 * sent: 'queued', 'sending' (an attempt has claimed it, at `status_at`), 'sent' or 'failed', so
 * a retried job never mails it twice, and every attempt uses the same Message-ID. The tracking
 * code is never here: it travels sealed in the job.
 */
export const guestLinkMails = pgTable(
  'guest_link_mails',
  {
    id: id(),
    workspaceId: ws(),
    ticketId: ref().notNull(),
    /** 'created' (after the guest form) or 'resent' (asked for again). */
    reason: text().notNull(),
    /** The guest's language when it was asked for: 'fa' or 'en'. */
    locale: text().notNull(),
    status: text().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    statusAt: tstz(),
    /** The last attempt's error (SMTP answer or connection failure, no secrets). */
    error: text(),
    emailMessageId: text(),
    createdAt: createdAt(),
  },
  (t) => [index('guest_link_mails_ticket_idx').on(t.workspaceId, t.ticketId)],
);
