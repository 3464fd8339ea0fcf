import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { workspaceFk } from './workspaces';

/**
 * `Idempotency-Key` of POST creates: the first answer to a key, kept for 24 hours, so that a
 * client retrying after a timeout or an outage gets that answer instead of a second ticket.
 * The row commits in the same transaction as the change it answers for.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: id(),
    workspaceId: workspaceFk(),
    /** `u:<user id>` for a signed-in person, `g:<ip address>` for a guest form. */
    actor: text().notNull(),
    key: text().notNull(),
    /** sha256 of the method, route, parameters and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    statusCode: integer(),
    /** The answer's body, sealed with SECRET_KEY (it may carry a guest's tracking code). */
    response: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_uq').on(t.workspaceId, t.actor, t.key),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
