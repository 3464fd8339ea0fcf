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
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

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

export const ZUpdateUser = patchOf(ZCreateUser);
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

export const ZUpdateMe = patchOf(
  z.object({
    name: nullableText(120),
    email: ZEmail.nullable(),
    mobile: ZMobile.nullable(),
    signature: nullableText(5000),
    locale: ZLocale,
  }),
);

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
export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const ZCreateApiToken = z.object({
  name: z.string().trim().min(1).max(80),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
