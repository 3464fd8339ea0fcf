import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { departments } from './organisation';
import { workspaceFk } from './workspaces';

export const mailProtocol = pgEnum('mail_protocol', ['imap', 'pop3', 'none']);
export const mailTls = pgEnum('mail_tls', ['tls', 'starttls', 'none']);
export const mailAfterFetch = pgEnum('mail_after_fetch', ['seen', 'move']);

/**
 * A department's mailbox (F1, F3): inbound IMAP/POP3 and outbound SMTP. `department_id` null is
 * the workspace's system account for notifications. Passwords are sealed with SECRET_KEY
 * (`createSealer(secretKey, 'mailbox-password')`) and never leave the server.
 */
export const mailboxes = pgTable(
  'mailboxes',
  {
    id: id(),
    workspaceId: workspaceFk(),
    departmentId: ref().references(() => departments.id, { onDelete: 'cascade' }),
    address: text().notNull(),
    displayName: text().notNull().default(''),
    active: boolean().notNull().default(true),
    inboundProtocol: mailProtocol().notNull().default('none'),
    inboundHost: text(),
    inboundPort: integer(),
    inboundTls: mailTls().notNull().default('tls'),
    inboundUsername: text(),
    inboundPasswordSealed: text(),
    imapFolder: text().notNull().default('INBOX'),
    afterFetch: mailAfterFetch().notNull().default('seen'),
    moveToFolder: text(),
    smtpHost: text(),
    smtpPort: integer(),
    smtpTls: mailTls().notNull().default('starttls'),
    smtpAuth: boolean().notNull().default(true),
    smtpUsername: text(),
    smtpPasswordSealed: text(),
    fetchIntervalMinutes: integer().notNull().default(5),
    lastFetchAt: tstz(),
    lastError: text(),
    consecutiveFailures: integer().notNull().default(0),
    nextFetchAt: tstz(),
    /** Lease: a fetch of this mailbox runs until then; only one at a time across processes. */
    fetchingUntil: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One system account per workspace, one mailbox per department.
    uniqueIndex('mailboxes_system_uq')
      .on(t.workspaceId)
      .where(sql`${t.departmentId} is null`),
    uniqueIndex('mailboxes_department_uq')
      .on(t.workspaceId, t.departmentId)
      .where(sql`${t.departmentId} is not null`),
    index('mailboxes_list_idx').on(t.workspaceId, t.id),
    // The scheduler's one query: active inbound mailboxes by due time.
    index('mailboxes_due_idx')
      .on(t.nextFetchAt)
      .where(sql`${t.active} and ${t.inboundProtocol} <> 'none'`),
  ],
);

/**
 * Every message intake took from a mailbox, for dedup (by source key and by Message-ID) and
 * for the quarantine: a message that could not be imported keeps its error and its raw bytes
 * (`raw_storage_key`, through the file storage) so nothing is lost.
 */
export const mailFetched = pgTable(
  'mail_fetched',
  {
    id: id(),
    workspaceId: workspaceFk(),
    mailboxId: ref()
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    /** IMAP `uidvalidity:uid`, POP3 the UIDL. */
    sourceKey: text().notNull(),
    /** Normalised (no angle brackets). */
    messageId: text(),
    ticketNumber: integer(),
    outcome: text().notNull(), // 'ticket' | 'reply' | 'ignored' | 'quarantined'
    /** Why a mail is quarantined: null for an error, 'locked' when it answers a locked ticket (C4). */
    reason: text(),
    error: text(),
    rawStorageKey: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('mail_fetched_source_uq').on(t.workspaceId, t.mailboxId, t.sourceKey),
    index('mail_fetched_message_id_idx').on(t.workspaceId, t.messageId),
    // The quarantine list of a mailbox, newest first.
    index('mail_fetched_quarantine_idx')
      .on(t.workspaceId, t.mailboxId, t.id)
      .where(sql`${t.outcome} = 'quarantined'`),
  ],
);
