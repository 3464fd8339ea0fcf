import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ref, tstz, updatedAt } from './columns';
import { workspaceFk } from './workspaces';
import { directories } from './directories';

export const userRole = pgEnum('user_role', ['admin', 'agent', 'customer']);
export const groupKind = pgEnum('group_kind', ['customer', 'agent']);

const ws = workspaceFk;

export const accessLevels = pgTable(
  'access_levels',
  {
    id: id(),
    workspaceId: ws(),
    name: text().notNull(),
    description: text().notNull().default(''),
    permissions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('access_levels_name_uq').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    workspaceId: ws(),
    role: userRole().notNull(),
    username: text().notNull(),
    email: text(),
    /** Other addresses of the same person (lower-cased), so mail from them finds the customer (F2). */
    alternateEmails: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    mobile: text(),
    name: text().notNull().default(''),
    passwordHash: text(),
    ticketAccess: boolean().notNull().default(true),
    active: boolean().notNull().default(true),
    accessLevelId: ref().references(() => accessLevels.id, { onDelete: 'set null' }),
    orgUnitId: ref(),
    signature: text().notNull().default(''),
    avatarFileId: ref(),
    locale: text().notNull().default('fa'),
    failedLogins: integer().notNull().default(0),
    lockedUntil: tstz(),
    lastLoginAt: tstz(),
    /** A5: the directory this person signs in with (their local password is then never used). */
    directoryId: ref().references(() => directories.id, { onDelete: 'set null' }),
    /** The entry's stable id there (entryUUID / objectGUID, else its DN). */
    directoryUid: text(),
    directoryDn: text(),
    /** Deactivated because the directory disabled or dropped the entry: the directory may reactivate it (never a manual deactivation). */
    directoryDisabled: boolean().notNull().default(false),
    /** K11: the TOTP secret (sealed) once two-factor sign-in is on; a pending one while setting up. */
    totpSecretSealed: text(),
    totpPendingSealed: text(),
    totpEnabledAt: tstz(),
    /** The last 30-second step a code was accepted for: a code is never accepted twice. */
    totpLastStep: bigint({ mode: 'number' }),
    /** sha256 of the unused recovery codes. */
    recoveryCodeHashes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Issue 20: away since (null: present) — automatic assignment skips them; optional substitute. */
    awaySince: tstz(),
    awayUntil: tstz(),
    substituteId: ref(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tstz(),
  },
  (t) => [
    uniqueIndex('users_username_uq')
      .on(t.workspaceId, sql`lower(${t.username})`)
      .where(sql`${t.deletedAt} is null`),
    uniqueIndex('users_email_uq')
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.deletedAt} is null and ${t.email} is not null`),
    uniqueIndex('users_mobile_uq')
      .on(t.workspaceId, t.mobile)
      .where(sql`${t.deletedAt} is null and ${t.mobile} is not null`),
    index('users_name_idx').on(t.workspaceId, sql`lower(${t.name})`, t.id),
    index('users_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('users_directory_uid_uq')
      .on(t.workspaceId, t.directoryId, t.directoryUid)
      .where(sql`${t.directoryId} is not null and ${t.deletedAt} is null`),
    index('users_alternate_emails_gin').using('gin', t.alternateEmails),
    // Ticket search by the requester's name (search-conditions.ts): the words of the name and the
    // username, Persian-folded by search_norm() (the SQL twin of normalizeText, migration 0013),
    // each prefixed with the workspace id (migration 0028): a name's entries hold one workspace's
    // people, so a common name in a thousand workspaces is read only in the asking one.
    index('users_name_search_gin').using('gin', sql`users_name_vector(${t.workspaceId}, ${t.name}, ${t.username})`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value; the value itself is never stored. */
    id: text().primaryKey(),
    workspaceId: ws(),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
    lastSeenAt: createdAt(),
    expiresAt: tstz().notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    workspaceId: ws(),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** sha256 of the secret part; tokens are random 256-bit values, so a fast hash is enough. */
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    /** What the token may do besides acting as its owner: `api` always, `tokens` to manage tokens. */
    scopes: text()
      .array()
      .notNull()
      .default(sql`'{api}'::text[]`),
    createdAt: createdAt(),
    lastUsedAt: tstz(),
    expiresAt: tstz(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_user_idx').on(t.workspaceId, t.userId)],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    workspaceId: ws(),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_hash_uq').on(t.tokenHash), index('password_resets_user_idx').on(t.userId)],
);

export const groups = pgTable(
  'groups',
  {
    id: id(),
    workspaceId: ws(),
    kind: groupKind().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('groups_name_idx').on(t.workspaceId, t.name, t.id)],
);

export const groupMembers = pgTable(
  'group_members',
  {
    workspaceId: ws(),
    groupId: ref()
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user_idx').on(t.userId)],
);

/** One-time codes sent by SMS (A2): for signing in, or to finish a registration. */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: id(),
    workspaceId: ws(),
    mobile: text().notNull(),
    purpose: text().notNull(), // 'login' | 'register'
    /** sha256 of workspace, mobile and code: six digits must not be stored as they are. */
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    /** For a registration: the username, name and e-mail given with it. */
    payload: jsonb(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index('otp_codes_mobile_idx').on(t.workspaceId, t.mobile, t.createdAt)],
);

/**
 * A new e-mail or mobile waiting for its owner to prove it: the code sent there is kept as a
 * hash, five guesses, a limited time; the address replaces the old one only when confirmed.
 */
export const contactChanges = pgTable(
  'contact_changes',
  {
    id: id(),
    workspaceId: ws(),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(), // 'email' | 'mobile'
    value: text().notNull(),
    /** sha256 of workspace, user, kind, value and code. */
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index('contact_changes_user_idx').on(t.workspaceId, t.userId, t.kind)],
);
