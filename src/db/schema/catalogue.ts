import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { departments } from './organisation';
import { ticketPriority, tickets } from './tickets';
import { workspaceFk } from './workspaces';

/**
 * Service desks (E1, E4): a key that prefixes its requests' keys, numbered per desk. The
 * counter is the desk row itself: `last_number + 1` under its row lock, like ticket_counters.
 */
export const desks = pgTable(
  'desks',
  {
    id: id(),
    workspaceId: workspaceFk(),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    departmentId: ref()
      .notNull()
      .references(() => departments.id),
    visible: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    lastNumber: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('desks_key_uq').on(t.workspaceId, t.key),
    index('desks_position_idx').on(t.workspaceId, t.position, t.id),
  ],
);

/**
 * A request type of a desk (E1, E2): its form (`fields`) and workflow, both validated by the
 * contract (catalogue.ts) before they are stored. Removing one hides it (`deleted_at`): the
 * requests already made keep their form and workflow.
 */
export const requestTypes = pgTable(
  'request_types',
  {
    id: id(),
    workspaceId: workspaceFk(),
    deskId: ref()
      .notNull()
      .references(() => desks.id),
    name: text().notNull(),
    description: text().notNull().default(''),
    icon: text(),
    departmentId: ref().references(() => departments.id, { onDelete: 'set null' }),
    defaultPriority: ticketPriority().notNull().default('medium'),
    fields: jsonb().notNull().default([]),
    workflow: jsonb().notNull(),
    position: integer().notNull().default(0),
    visible: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tstz(),
  },
  (t) => [
    index('request_types_desk_idx')
      .on(t.workspaceId, t.deskId, t.position, t.id)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/**
 * A pending timer of a ticket (E3; SLA timers later): a pg-boss job is queued for `due_at`;
 * the job acts only if its row is still here with that due time, so moving a timer is an update
 * plus a new job and cancelling one is a delete — the old job then finds nothing and ends.
 */
export const ticketTimers = pgTable(
  'ticket_timers',
  {
    id: id(),
    workspaceId: workspaceFk(),
    ticketId: ref()
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** 'workflow' */
    kind: text().notNull(),
    /** For 'workflow': the transition taken on expiry. */
    target: text().notNull(),
    dueAt: tstz().notNull(),
    /** The transition that started it (whose timer this is). */
    startedBy: text(),
    jobId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    index('ticket_timers_ticket_idx').on(t.ticketId, t.kind),
    index('ticket_timers_due_idx').on(t.workspaceId, t.dueAt),
  ],
);
