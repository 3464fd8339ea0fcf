import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, workspaceRef } from './columns';

// The tenant. Every other table carries workspace_id and every query is scoped by it.
export const workspaces = pgTable(
  'workspaces',
  {
    id: id(),
    slug: text().notNull(),
    name: text().notNull(),
    /** Host name that selects this workspace for signed-out requests (cloud mode). */
    host: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspaces_slug_uq').on(t.slug), uniqueIndex('workspaces_host_uq').on(t.host)],
);

/** The workspace_id column every tenant table carries, removed with its workspace. */
export const workspaceFk = () => workspaceRef().references(() => workspaces.id, { onDelete: 'cascade' });

/** J1 and J2 settings of a workspace, one JSON document validated by the settings contract. */
export const settings = pgTable('settings', {
  workspaceId: workspaceRef()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  data: jsonb().notNull().default({}),
  updatedAt: updatedAt(),
});
