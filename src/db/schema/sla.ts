import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, updatedAt } from './columns';
import { calendars } from './calendars';
import { workspaceFk } from './workspaces';

/**
 * SLA policies (E3): targets in working minutes on a business calendar, for the tickets their
 * conditions match — the first by position applies. Checked by the contract (sla.ts).
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    workspaceId: workspaceFk(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    conditions: jsonb().notNull().default({}),
    calendarId: ref().references(() => calendars.id, { onDelete: 'set null' }),
    targets: jsonb().notNull(),
    warnBefore: integer().notNull().default(30),
    pauseWhilePending: boolean().notNull().default(true),
    onBreach: jsonb().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sla_policies_position_idx').on(t.workspaceId, t.position, t.id)],
);
