import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { workspaceFk } from './workspaces';

/**
 * Failed sign-in tries of one account from one address (A4): after a few, that address waits a
 * growing delay before its next try for that account. The account is `user:<id>` when the login
 * names one, `login:<normalised login>` when it does not, so that both behave alike. A success
 * deletes the row; the hourly clean-up drops rows idle for a day.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    workspaceId: workspaceFk(),
    accountKey: text().notNull(),
    /** The IPv4 address, or the /64 network of an IPv6 one. */
    address: text().notNull(),
    failures: integer().notNull().default(0),
    /** Before this time the address gets no further try for the account. */
    nextTryAt: tstz().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.accountKey, t.address] }),
    index('sign_in_failures_next_try_idx').on(t.nextTryAt),
  ],
);
