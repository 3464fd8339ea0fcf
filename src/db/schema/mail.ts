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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One system account per workspace, one mailbox per department.
    uniqueIndex('mailboxes_system_uq').on(t.workspaceId).where(sql`${t.departmentId} is null`),
    uniqueIndex('mailboxes_department_uq').on(t.workspaceId, t.departmentId).where(sql`${t.departmentId} is not null`),
    index('mailboxes_list_idx').on(t.workspaceId, t.id),
  ],
);
