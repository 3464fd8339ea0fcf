import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './columns';
import { workspaceFk } from './workspaces';

/** Which entry attribute holds each field of a person (A5). */
export interface DirectoryAttributeMap {
  username: string;
  name: string;
  email: string;
  mobile: string;
}

/** A directory group and what its members get; the first matching mappings decide. */
export interface DirectoryGroupMapping {
  groupDn: string;
  role: 'admin' | 'agent' | 'customer';
  accessLevelId?: string | null;
  departmentIds?: string[];
}

/** What one sync changed (kept as the directory's last report). */
export interface DirectorySyncReport {
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  skipped: number;
  /** Cloud mode: new or returning people left out because the plan's limit was reached. */
  limitReached?: number;
  seen: number;
  durationMs: number;
  /** A few of the people changed, for the admin page: `username` and what happened. */
  samples: { username: string; change: 'created' | 'updated' | 'deactivated' }[];
}

/**
 * LDAP / Active Directory servers people sign in with (A5), tried in `position` order. The
 * service account's password is sealed; nobody's directory password is ever stored.
 */
export const directories = pgTable(
  'directories',
  {
    id: id(),
    workspaceId: workspaceFk(),
    name: text().notNull(),
    url: text().notNull(),
    startTls: boolean().notNull().default(false),
    /** PEM of the CA that signed the server's certificate, when it is not a public one. */
    caCert: text(),
    verifyTls: boolean().notNull().default(true),
    bindDn: text().notNull().default(''),
    bindPasswordSealed: text(),
    baseDn: text().notNull(),
    userFilter: text().notNull(),
    attributes: jsonb().$type<DirectoryAttributeMap>().notNull(),
    /** Active Directory: accounts disabled in `userAccountControl` are refused and deactivated. */
    activeDirectory: boolean().notNull().default(false),
    /** AD only: group membership through nested groups (matching rule 1.2.840.113556.1.4.1941). */
    nestedGroups: boolean().notNull().default(false),
    groupMappings: jsonb()
      .$type<DirectoryGroupMapping[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** People in no mapped group: customers, or no account at all (`none`). */
    defaultRole: text().$type<'customer' | 'none'>().notNull().default('customer'),
    /** 0: no scheduled sync (sign-in still creates and updates accounts). */
    syncIntervalMinutes: integer().notNull().default(60),
    active: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    nextSyncAt: tstz(),
    lastSyncAt: tstz(),
    lastSyncReport: jsonb().$type<DirectorySyncReport>(),
    lastSyncError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('directories_position_idx').on(t.workspaceId, t.position, t.id),
    index('directories_due_idx')
      .on(t.nextSyncAt)
      .where(sql`${t.active} and ${t.syncIntervalMinutes} > 0`),
  ],
);
