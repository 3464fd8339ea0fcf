import { z } from 'zod';
import { patchOf, ZBool, ZEmail, ZId, ZIdInput, ZLocale, ZMobile, ZPageQuery, ZPassword, ZUsername } from './common';
import { PERMISSIONS, ROLES } from './permissions';

export const ZRole = z.enum(ROLES);
export const ZPermission = z.enum(PERMISSIONS);

export const ZUser = z.object({
  id: z.string(),
  role: ZRole,
  username: z.string(),
  email: z.string().nullable(),
  /** Other addresses of this person; mail from them is theirs too (F2). */
  alternateEmails: z.array(z.string()),
  mobile: z.string().nullable(),
  name: z.string(),
  ticketAccess: z.boolean(),
  active: z.boolean(),
  departmentIds: z.array(z.string()),
  groupIds: z.array(z.string()),
  accessLevelId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  signature: z.string(),
  avatarUrl: z.string().nullable(),
  locale: ZLocale,
  /** A5: the directory this person signs in with (their password is the directory's); null for a local account. */
  directoryId: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  /** Issue 20: away now (switched on, and `awayUntil` not yet passed): automatic assignment skips them. */
  away: z.boolean(),
  /** When they are back by themselves (null: until switched off). */
  awayUntil: z.string().nullable(),
  /** Who gets what is assigned to them while they are away (when that person is present). */
  substituteId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

/**
 * Issue 20: the "away" switch (staff only). `away` false clears `awayUntil`; `substituteId` is
 * kept for next time and only acts while away. `awayUntil` must lie ahead.
 */
export const ZAwayFields = z.object({
  away: z.boolean(),
  awayUntil: z.iso.datetime({ offset: true }).nullable(),
  substituteId: ZIdInput.nullable(),
});
export type TAwayInput = Partial<z.infer<typeof ZAwayFields>>;

const nullableText = (max: number) => z.string().trim().max(max);

export const ZCreateUser = z.object({
  role: ZRole,
  username: ZUsername,
  email: ZEmail.nullish(),
  alternateEmails: z
    .array(ZEmail)
    .max(5, 'validation.max_alternate_emails')
    .transform((list) => [...new Set(list)])
    .default([]),
  mobile: ZMobile.nullish(),
  name: nullableText(120).default(''),
  password: ZPassword.optional(),
  ticketAccess: z.boolean().default(true),
  active: z.boolean().default(true),
  departmentIds: z.array(ZIdInput).max(500).default([]),
  groupIds: z.array(ZIdInput).max(500).default([]),
  accessLevelId: ZIdInput.nullish(),
  orgUnitId: ZIdInput.nullish(),
  signature: nullableText(5000).default(''),
  locale: ZLocale.default('fa'),
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = patchOf(ZCreateUser.extend(ZAwayFields.shape));
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZListUsersQuery = ZPageQuery.extend({
  role: ZRole.optional(),
  q: z.string().trim().max(100).optional(),
  departmentId: ZId.optional(),
  groupId: ZId.optional(),
  active: ZBool.optional(),
  sort: z
    .enum(['name', '-name', 'created', '-created', 'updated', '-updated', 'username', '-username'])
    .default('name'),
});
export type TListUsersQuery = z.infer<typeof ZListUsersQuery>;

/**
 * A change of e-mail, mobile or password needs `currentPassword`. A new e-mail or mobile is not
 * used at once: a code goes there, and `POST /me/verify-contact` with it applies the change.
 * `newPassword` (or `password`, the same) sets a new password.
 */
export const ZUpdateMe = patchOf(
  z.object({
    name: nullableText(120),
    email: ZEmail.nullable(),
    mobile: ZMobile.nullable(),
    signature: nullableText(5000),
    locale: ZLocale,
    currentPassword: z.string().max(200),
    newPassword: ZPassword,
    password: ZPassword,
    ...ZAwayFields.shape,
  }),
);
export type TUpdateMe = z.infer<typeof ZUpdateMe>;

export const CONTACT_KINDS = ['email', 'mobile'] as const;
export const ZPendingContact = z.object({
  kind: z.enum(CONTACT_KINDS),
  value: z.string(),
  expiresAt: z.string(),
});
/** The answer to `PATCH /me`: the person, and the new addresses waiting for their code. */
export const ZMeUpdated = ZUser.extend({ pendingContacts: z.array(ZPendingContact) });
export const ZVerifyContact = z.object({
  /** Which change the code confirms; without it, whichever pending change it matches. */
  kind: z.enum(CONTACT_KINDS).optional(),
  code: z.string().trim().min(1).max(12),
});

export const ZChangePassword = z.object({ currentPassword: z.string().min(1).max(200), newPassword: ZPassword });

// Access levels
export const ZAccessLevel = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(ZPermission),
  agentCount: z.number().int(),
  /** The level an agent created without one gets (settings `defaultAccessLevelId`). */
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZCreateAccessLevel = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
  permissions: z.array(ZPermission).max(PERMISSIONS.length).default([]),
});
export const ZUpdateAccessLevel = patchOf(ZCreateAccessLevel);

// Groups
export const ZGroupKind = z.enum(['customer', 'agent']);
export const ZGroup = z.object({
  id: z.string(),
  kind: ZGroupKind,
  name: z.string(),
  description: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZCreateGroup = z.object({
  kind: ZGroupKind,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).default(''),
  memberIds: z.array(ZIdInput).max(10_000).default([]),
});
export const ZUpdateGroup = patchOf(ZCreateGroup.omit({ kind: true }));
export const ZListGroupsQuery = ZPageQuery.extend({
  kind: ZGroupKind.optional(),
  q: z.string().trim().max(100).optional(),
});

// API tokens
/** `api`: act as the owner (every token); `tokens`: also create and revoke tokens through it. */
export const TOKEN_SCOPES = ['api', 'tokens'] as const;
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const ZCreateApiToken = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z
    .array(z.enum(TOKEN_SCOPES))
    .max(TOKEN_SCOPES.length)
    .transform((list) => [...new Set<(typeof TOKEN_SCOPES)[number]>(['api', ...list])])
    .default(['api']),
  /** When it stops working; at most TOKEN_MAX_DAYS ahead, TOKEN_DEFAULT_DAYS when neither is given. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
});
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
