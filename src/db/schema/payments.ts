import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz } from './columns';
import { users } from './people';
import { workspaceFk } from './workspaces';
import { subscriptionPurchase } from './cloud';

/** Where a payment stands: made at Zarinpal, being verified, and how it ended. */
export type PaymentState = 'created' | 'verifying' | 'paid' | 'failed' | 'cancelled';

/**
 * Online payments through Zarinpal (issue 19): SMS credit top-ups now, subscriptions later.
 * Amounts are whole toman, as in the credit ledger (Zarinpal is asked in IRT). `credited_at` is
 * set by the same statement that claims the credit, so a payment adds credit at most once.
 */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    workspaceId: workspaceFk(),
    /** 'credit' (SMS credit top-up) or 'subscription' (a plan bought: plan_id, months, periods). */
    purpose: text().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    /** Zarinpal's id of the payment session; the callback and the reconcile job find the row by it. */
    authority: text().notNull().unique(),
    state: text().$type<PaymentState>().notNull().default('created'),
    refId: text(),
    /** Masked, as Zarinpal answers it (502229******5995). */
    cardPan: text(),
    /** Zarinpal's fee as it answered it (Rial). */
    fee: bigint({ mode: 'number' }),
    /** Why it failed (Zarinpal's code and kind), for the admin's list. */
    error: text(),
    createdById: ref().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    verifiedAt: tstz(),
    creditedAt: tstz(),
    ...subscriptionPurchase,
  },
  (t) => [
    index('payments_list_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    // Only the open ones, for the reconcile job.
    index('payments_open_idx')
      .on(t.createdAt)
      .where(sql`${t.state} in ('created', 'verifying')`),
  ],
);
