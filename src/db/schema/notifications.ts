import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { users } from './people';
import { workspaceFk } from './workspaces';

const person = () =>
  ref()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

const ws = workspaceFk;

/**
 * A person's notification settings (G1, G2): the seed-004 filter on senders, the channels and
 * the events they want. No row means the defaults (notifications/settings.ts).
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    workspaceId: ws(),
    userId: person(),
    /** 'all' | 'blacklist' | 'whitelist' */
    filterMode: text().notNull().default('all'),
    filterUserIds: bigint({ mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    /** { email, sms, push }: booleans. */
    channels: jsonb().notNull().default({}),
    /** { ticketCreated, customerReplied, … }: booleans. */
    events: jsonb().notNull().default({}),
    /** E3: e-mail, SMS and push wait for working time (the calendar of the ticket's department). */
    workingHoursOnly: boolean().notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/** In-app notifications (the bell): always stored, whatever the person's other channels. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    workspaceId: ws(),
    userId: person(),
    event: text().notNull(),
    ticketId: ref(),
    ticketNumber: integer(),
    title: text().notNull(),
    body: text().notNull().default(''),
    actorId: ref(),
    createdAt: createdAt(),
    readAt: tstz(),
  },
  (t) => [
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.id),
    index('notifications_unread_idx')
      .on(t.workspaceId, t.userId, t.id)
      .where(sql`read_at is null`),
  ],
);

/**
 * Every outgoing e-mail, SMS and push notification and what became of it. The text is kept
 * sealed (an SMS may carry a sign-in code) and only until it is sent.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    workspaceId: ws(),
    /** 'email' | 'sms' | 'push' */
    channel: text().notNull(),
    userId: ref(),
    /** The address, number or push endpoint's host; never a secret. */
    to: text().notNull().default(''),
    event: text().notNull(),
    ticketId: ref(),
    ticketNumber: integer(),
    /** 'queued' | 'sent' | 'delivered' | 'failed' | 'skipped' */
    status: text().notNull(),
    reason: text(),
    attempts: integer().notNull().default(0),
    /** The message itself, sealed; cleared once it is sent or given up. */
    sealedPayload: text(),
    /** SMS: parts and the price charged (toman), the vendor and its message id. */
    parts: integer(),
    price: integer(),
    provider: text(),
    providerRef: text(),
    /** A notification this delivery carries (push, e-mail of an in-app notification). */
    notificationId: ref(),
    createdAt: createdAt(),
    sentAt: tstz(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deliveries_created_idx').on(t.workspaceId, t.id),
    index('deliveries_channel_status_idx').on(t.workspaceId, t.channel, t.status, t.id),
    index('deliveries_ticket_idx').on(t.workspaceId, t.ticketNumber, t.id),
    index('deliveries_poll_idx')
      .on(t.provider, t.id)
      .where(sql`status = 'sent' and channel = 'sms' and provider_ref is not null`),
  ],
);

/** A browser's Web Push subscription (RFC 8030 endpoint and RFC 8291 keys). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: id(),
    workspaceId: ws(),
    userId: person(),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    userAgent: text(),
    createdAt: createdAt(),
    lastSuccessAt: tstz(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint),
    index('push_subscriptions_user_idx').on(t.workspaceId, t.userId),
  ],
);

/** Install-wide secrets made once (the VAPID key pair), sealed with the install's secret key. */
export const installSecrets = pgTable('install_secrets', {
  name: text().primaryKey(),
  sealedValue: text().notNull(),
  publicValue: text(),
  createdAt: createdAt(),
});

/** A workspace's own SMS gateway (G3); secrets sealed and never answered. */
export const smsGateways = pgTable('sms_gateways', {
  workspaceId: ws().primaryKey(),
  /** 'kavenegar' | 'smsir' | 'melipayamak' | 'ghasedak' | 'log' */
  provider: text().notNull(),
  sender: text().notNull().default(''),
  username: text(),
  sealedApiKey: text(),
  sealedPassword: text(),
  /** Send customers an SMS when their ticket's status changes. */
  customerStatusSms: boolean().notNull().default(false),
  updatedAt: updatedAt(),
});

/** The SMS credit of a workspace (I2): one row, updated in the transaction of every entry. */
export const creditAccounts = pgTable(
  'credit_accounts',
  {
    workspaceId: ws().primaryKey(),
    balance: bigint({ mode: 'number' }).notNull().default(0),
    pricePerSms: integer().notNull().default(190),
    charging: boolean().notNull().default(false),
    /** One-time sign-in codes go out even without credit (and cost nothing) when set. */
    codesExempt: boolean().notNull().default(false),
    lowBalance: bigint({ mode: 'number' }).notNull().default(1900),
    /** Set when the low-balance mail went out; cleared when the balance rises above the mark. */
    lowNotifiedAt: tstz(),
    updatedAt: updatedAt(),
  },
  // The last guard of "never below zero": a debit that would cross it fails, whatever raced it.
  (t) => [check('credit_accounts_balance_nonneg', sql`${t.balance} >= 0`)],
);

/** The append-only ledger of the credit: top-ups, grants, SMS charges, refunds. */
export const creditEntries = pgTable(
  'credit_entries',
  {
    id: id(),
    workspaceId: ws(),
    /** 'topup' | 'grant' | 'sms' | 'refund' */
    kind: text().notNull(),
    /** Toman; negative for a charge. */
    amount: bigint({ mode: 'number' }).notNull(),
    balanceAfter: bigint({ mode: 'number' }).notNull(),
    reference: text(),
    note: text(),
    deliveryId: ref(),
    createdById: ref(),
    createdAt: createdAt(),
  },
  (t) => [
    index('credit_entries_idx').on(t.workspaceId, t.id),
    uniqueIndex('credit_entries_refund_uq')
      .on(t.deliveryId)
      .where(sql`kind = 'refund'`),
  ],
);
