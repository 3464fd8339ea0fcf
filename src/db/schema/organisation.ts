import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, updatedAt } from './columns';
import { users } from './people';
import { workspaceFk } from './workspaces';

export const departmentUsage = pgEnum('department_usage', ['all', 'members', 'internal']);

const ws = workspaceFk;

export const departments = pgTable(
  'departments',
  {
    id: id(),
    workspaceId: ws(),
    name: text().notNull(),
    description: text().notNull().default(''),
    active: boolean().notNull().default(true),
    visible: boolean().notNull().default(true),
    usage: departmentUsage().notNull().default('all'),
    managerId: ref().references(() => users.id, { onDelete: 'set null' }),
    /** Issue 20: how new tickets get an agent — manual | round_robin | least_open. */
    assignmentMode: text().notNull().default('manual'),
    /** Round-robin: the agent who got the last ticket (the next goes to the one after, by id). */
    assignmentLastUserId: ref(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('departments_name_idx').on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index('departments_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
);

export const departmentAgents = pgTable(
  'department_agents',
  {
    workspaceId: ws(),
    departmentId: ref()
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.userId] }), index('department_agents_user_idx').on(t.userId)],
);

export const ticketTypes = pgTable(
  'ticket_types',
  {
    id: id(),
    workspaceId: ws(),
    name: text().notNull(),
    description: text().notNull().default(''),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('ticket_types_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const tags = pgTable(
  'tags',
  {
    id: id(),
    workspaceId: ws(),
    name: text().notNull(),
    color: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    workspaceId: ws(),
    name: text().notNull(),
    parentId: ref(),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('org_units_name_idx').on(t.workspaceId, t.position, t.name)],
);
