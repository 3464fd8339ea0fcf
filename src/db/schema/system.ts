import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, workspaceRef } from './columns';
import { workspaceFk } from './workspaces';

const ws = workspaceFk;

/** Stored files (logos, avatars, later attachments). The bytes live in the file store. */
export const files = pgTable(
  'files',
  {
    id: id(),
    workspaceId: ws(),
    storageKey: text().notNull(),
    name: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    contentType: text().notNull(),
    sha256: text().notNull(),
    purpose: text().notNull(),
    /** Set when an attachment is linked to its message; unlinked uploads expire. */
    ticketId: ref(),
    messageId: ref(),
    /** sha256 of the claim token a guest got with an upload (guests have no account). */
    claimHash: text(),
    createdBy: ref(),
    createdAt: createdAt(),
  },
  (t) => [index('files_created_idx').on(t.workspaceId, t.createdAt), index('files_message_idx').on(t.messageId)],
);

/** Who changed what in the workspace's configuration; written in the same transaction. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    workspaceId: ws(),
    actorId: ref(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    data: jsonb(),
    ip: text(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_created_idx').on(t.workspaceId, t.createdAt)],
);

/** Fixed-window counters shared by all server processes (sign-in, guest forms, OTP). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    // No foreign key: workspace 0 holds the platform's own counters (cloud sign-up, the operator),
    // which belong to no workspace. The hourly cleanup drops old windows of every workspace.
    workspaceId: workspaceRef(),
    key: text().notNull(),
    windowStart: tstz().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.key, t.windowStart] }),
    index('rate_limits_window_idx').on(t.windowStart),
  ],
);

/**
 * Search vectors still to be rebuilt after their form changed (tickets/search-reindex.ts): one row
 * per rebuild, with the last ticket id done; the rebuild walks the tickets by id in small
 * batches, each its own transaction, and deletes the row when it has passed the last ticket.
 */
export const searchReindex = pgTable('search_reindex', {
  name: text().primaryKey(),
  doneThroughId: bigint({ mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});
