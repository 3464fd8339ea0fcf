import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { tickets } from './tickets';
import { users } from './people';
import { workspaceFk } from './workspaces';

// Issue 20: the team's tools — canned responses, triggers, ticket links, satisfaction surveys,
// webhooks. (Automatic assignment and "away" are columns of departments and users; merging is
// tickets.merged_into_id; first response is tickets.first_response_at.)
const ws = workspaceFk;

/** Canned responses: shared (the team's) or personal (owner_id), optionally per department. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: id(),
    workspaceId: ws(),
    title: text().notNull(),
    /** Sanitised HTML with placeholders ({{ticket.number}}, {{requester.name}}, …). */
    body: text().notNull(),
    /** What the agent types after "/" in the reply box; unique per owner scope. */
    shortcut: text(),
    departmentIds: bigint({ mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    shared: boolean().notNull().default(true),
    /** Who made it; a personal response is seen by its owner only. */
    ownerId: ref().references(() => users.id, { onDelete: 'cascade' }),
    /** Title, shortcut and body text, Persian-folded, for the reply box's search. */
    searchNorm: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('canned_responses_list_idx').on(t.workspaceId, sql`lower(${t.title})`, t.id),
    index('canned_responses_owner_idx').on(t.workspaceId, t.ownerId),
    index('canned_responses_search_trgm').using('gin', sql`${t.searchNorm} gin_trgm_ops`),
    // A shortcut (stored Persian-folded and lower-cased) is unique among the shared responses,
    // and among each owner's personal ones.
    uniqueIndex('canned_responses_shared_shortcut_uq')
      .on(t.workspaceId, t.shortcut)
      .where(sql`${t.shared} and ${t.shortcut} is not null`),
    uniqueIndex('canned_responses_personal_shortcut_uq')
      .on(t.workspaceId, t.ownerId, t.shortcut)
      .where(sql`not ${t.shared} and ${t.shortcut} is not null`),
  ],
);

/** Triggers: on an event, when every condition holds, run the actions in order (by position). */
export const triggers = pgTable(
  'triggers',
  {
    id: id(),
    workspaceId: ws(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    /** ticket.created | ticket.updated | message.created | sla.warning | sla.breached */
    event: text().notNull(),
    conditions: jsonb()
      .notNull()
      .default(sql`'[]'::jsonb`),
    actions: jsonb()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('triggers_event_idx')
      .on(t.workspaceId, t.event, t.position, t.id)
      .where(sql`${t.active}`),
  ],
);

/** What fired (and what was stopped): the triggers' log. */
export const triggerRuns = pgTable(
  'trigger_runs',
  {
    id: id(),
    workspaceId: ws(),
    triggerId: ref(),
    ticketId: ref(),
    event: text().notNull(),
    /** fired | loop_stopped | failed */
    outcome: text().notNull(),
    /** The actions run (or the reason it stopped). */
    detail: jsonb()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    index('trigger_runs_trigger_idx').on(t.workspaceId, t.triggerId, t.id),
    index('trigger_runs_ticket_idx').on(t.workspaceId, t.ticketId, t.id),
  ],
);

/** Links between tickets: related, duplicate (of other), parent (ticket is the parent of other). */
export const ticketLinks = pgTable(
  'ticket_links',
  {
    workspaceId: ws(),
    ticketId: ref()
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    otherId: ref()
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    createdById: ref(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.otherId] }), index('ticket_links_other_idx').on(t.otherId)],
);

/** Satisfaction (CSAT): one survey per closed ticket, answered once through its link. */
export const csatSurveys = pgTable(
  'csat_surveys',
  {
    id: id(),
    workspaceId: ws(),
    ticketId: ref()
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** sha256 of the link's token. */
    tokenHash: text().notNull(),
    requesterId: ref(),
    departmentId: ref(),
    /** The agents assigned when it closed, for per-agent results. */
    agentIds: bigint({ mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    sentAt: tstz().notNull(),
    rating: smallint(),
    comment: text(),
    answeredAt: tstz(),
  },
  (t) => [
    uniqueIndex('csat_surveys_ticket_uq').on(t.ticketId),
    uniqueIndex('csat_surveys_token_uq').on(t.tokenHash),
    index('csat_surveys_answered_idx')
      .on(t.workspaceId, t.answeredAt)
      .where(sql`${t.answeredAt} is not null`),
  ],
);

/** Webhooks: a workspace's endpoints for chosen events, signed per Standard Webhooks. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: id(),
    workspaceId: ws(),
    url: text().notNull(),
    events: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean().notNull().default(true),
    description: text().notNull().default(''),
    /** The signing secret (whsec_…), sealed; shown once when made or rotated. */
    secretSealed: text().notNull(),
    /** After a rotation the previous secret also signs until previous_expires_at. */
    previousSecretSealed: text(),
    previousExpiresAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhooks_ws_idx').on(t.workspaceId, t.id)],
);

/** One event sent to one webhook: attempts, last answer, next try. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    workspaceId: ws(),
    webhookId: ref()
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** The webhook-id header: the same on every attempt, so receivers can drop repeats. */
    messageId: text().notNull(),
    event: text().notNull(),
    payload: jsonb().notNull(),
    /** pending | succeeded | failed */
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    lastDurationMs: integer(),
    nextAttemptAt: tstz(),
    createdAt: createdAt(),
    deliveredAt: tstz(),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.workspaceId, t.webhookId, t.id),
    index('webhook_deliveries_created_idx').on(t.createdAt),
  ],
);
