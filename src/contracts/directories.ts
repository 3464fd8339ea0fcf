import { z } from 'zod';
import { ZId, patchOf } from './common';

/**
 * Directory sign-in (A5, issue 18): LDAP / Active Directory servers, tried in order; group
 * mappings to role, access level and departments; a connection test and a scheduled sync.
 * api.md "Directory sign-in".
 */

export const DEFAULT_USER_FILTER = '(&(objectClass=person)(|(sAMAccountName={login})(uid={login})(mail={login})))';

const ZLdapUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (
        (u.protocol === 'ldap:' || u.protocol === 'ldaps:') && !!u.hostname && (u.pathname === '' || u.pathname === '/')
      );
    } catch {
      return false;
    }
  }, 'validation.ldap_url');

/** A distinguished name, loosely: `attr=value` parts separated by commas. */
const ZDn = z
  .string()
  .trim()
  .max(1000)
  .regex(/^$|^[A-Za-z][\w-]*=.+/, 'validation.ldap_dn');

/** An attribute name (or OID). */
const ZAttrName = z
  .string()
  .trim()
  .regex(/^([A-Za-z][A-Za-z0-9-]{0,63}|\d+(\.\d+)+)$/, 'validation.ldap_attribute');

/** A filter: parenthesised, balanced, naming {login} once or more. */
const ZUserFilter = z
  .string()
  .trim()
  .max(2000)
  .refine((f) => {
    if (!f.startsWith('(') || !f.endsWith(')') || !f.includes('{login}')) return false;
    let depth = 0;
    for (const ch of f.replace(/\\./g, '')) {
      if (ch === '(') depth++;
      else if (ch === ')' && --depth < 0) return false;
    }
    return depth === 0;
  }, 'validation.ldap_filter');

export const ZDirectoryAttributes = z.object({
  username: ZAttrName.default('sAMAccountName'),
  name: ZAttrName.default('displayName'),
  email: ZAttrName.default('mail'),
  mobile: ZAttrName.default('mobile'),
});

export const ZGroupMapping = z.object({
  groupDn: ZDn.pipe(z.string().min(3, 'validation.ldap_dn')),
  role: z.enum(['admin', 'agent', 'customer']),
  accessLevelId: ZId.nullable().optional(),
  departmentIds: z.array(ZId).max(200).optional(),
});
export type TGroupMapping = z.infer<typeof ZGroupMapping>;

export const ZSyncReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  unchanged: z.number().int(),
  /** Entries without a usable username, or refused (no mapped group with defaultRole "none"). */
  skipped: z.number().int(),
  /** Cloud mode: new or returning people left out because the plan's limit was reached (absent when none). */
  limitReached: z.number().int().optional(),
  seen: z.number().int(),
  durationMs: z.number().int(),
  samples: z.array(z.object({ username: z.string(), change: z.enum(['created', 'updated', 'deactivated']) })),
});
export type TSyncReport = z.infer<typeof ZSyncReport>;

export const ZDirectory = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  startTls: z.boolean(),
  caCert: z.string().nullable(),
  verifyTls: z.boolean(),
  bindDn: z.string(),
  /** Never the password itself: whether one is stored. */
  bindPasswordSet: z.boolean(),
  baseDn: z.string(),
  userFilter: z.string(),
  attributes: z.object({ username: z.string(), name: z.string(), email: z.string(), mobile: z.string() }),
  activeDirectory: z.boolean(),
  nestedGroups: z.boolean(),
  groupMappings: z.array(
    z.object({
      groupDn: z.string(),
      role: z.enum(['admin', 'agent', 'customer']),
      accessLevelId: z.string().nullable(),
      departmentIds: z.array(z.string()),
    }),
  ),
  defaultRole: z.enum(['customer', 'none']),
  syncIntervalMinutes: z.number().int(),
  active: z.boolean(),
  position: z.number().int(),
  /** People who sign in with this directory (active ones). */
  people: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastSyncReport: ZSyncReport.nullable(),
  lastSyncError: z.string().nullable(),
  nextSyncAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDirectory = z.infer<typeof ZDirectory>;

export const ZCreateDirectory = z.object({
  name: z.string().trim().min(1).max(120),
  url: ZLdapUrl,
  startTls: z.boolean().default(false),
  caCert: z
    .string()
    .trim()
    .max(20_000)
    .regex(/^$|-----BEGIN CERTIFICATE-----/, 'validation.pem_certificate')
    .nullable()
    .default(null),
  verifyTls: z.boolean().default(true),
  bindDn: ZDn.default(''),
  /** Write-only: kept sealed, never answered. An empty string removes it (anonymous bind). */
  bindPassword: z.string().max(500).optional(),
  baseDn: ZDn.pipe(z.string().min(3, 'validation.ldap_dn')),
  userFilter: ZUserFilter.default(DEFAULT_USER_FILTER),
  attributes: ZDirectoryAttributes.default({
    username: 'sAMAccountName',
    name: 'displayName',
    email: 'mail',
    mobile: 'mobile',
  }),
  activeDirectory: z.boolean().default(false),
  nestedGroups: z.boolean().default(false),
  groupMappings: z.array(ZGroupMapping).max(100).default([]),
  defaultRole: z.enum(['customer', 'none']).default('customer'),
  /** 0: no scheduled sync. */
  syncIntervalMinutes: z.number().int().min(0).max(10_080).default(60),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const ZUpdateDirectory = patchOf(ZCreateDirectory);
export type TCreateDirectory = z.infer<typeof ZCreateDirectory>;
export type TUpdateDirectory = z.infer<typeof ZUpdateDirectory>;

/** The stage a connection test reached: the first that failed, or `done`. */
export const ZDirectoryStage = z.enum(['dns', 'connect', 'tls', 'bind', 'search', 'done']);

export const ZDirectoryTestResult = z.object({
  ok: z.boolean(),
  stage: ZDirectoryStage,
  message: z.string(),
  /** A few people the user filter finds, as they would be taken in. */
  sampleUsers: z.array(
    z.object({
      dn: z.string(),
      username: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      mobile: z.string().nullable(),
      role: z.enum(['admin', 'agent', 'customer']).nullable(),
      disabled: z.boolean(),
    }),
  ),
  durationMs: z.number().int(),
});
export type TDirectoryTestResult = z.infer<typeof ZDirectoryTestResult>;

/** `POST /directories/:id/sync` `{ dryRun? }`: a preview changes nothing. */
export const ZSyncRequest = z.object({ dryRun: z.boolean().default(false) }).default({ dryRun: false });

export const ZSyncResult = ZSyncReport.extend({ dryRun: z.boolean() });

export const ZDirectoryLogin = z.object({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  code: z.string().trim().max(20).optional(),
});
