import type { ApiDocs } from '../../platform/http/api-docs';

const ADMIN = 'Admins only (a group mapping can make someone an admin).';

/** The OpenAPI texts of directory sign-in's operations (platform/http/api-docs.ts). */
export const directoriesApiDocs: ApiDocs = {
  'GET /directories': {
    operationId: 'listDirectories',
    summary: 'List directories',
    description: `${ADMIN} The LDAP / Active Directory servers people sign in with, in the order they are tried, each with its active people, last sync report and error. The service account password is never answered: bindPasswordSet says whether one is stored.`,
  },
  'POST /directories': {
    operationId: 'createDirectory',
    summary: 'Add a directory',
    description: `${ADMIN} url is ldap:// (with startTls for STARTTLS) or ldaps://; caCert is the PEM of a private CA; verifyTls stays on unless you must. userFilter names {login}, which is escaped per RFC 4515. groupMappings give the members of a group a role, an access level (agents) and departments; people in no mapped group get defaultRole ("none": no account). activeDirectory refuses accounts disabled in userAccountControl; nestedGroups (AD) follows nested groups. A directory on a private network needs ALLOW_PRIVATE_NETWORK_TARGETS=true on the server. Synced every syncIntervalMinutes (0: never; sign-in still creates and updates accounts).`,
    errors: [400],
    example: {
      name: 'Active Directory دانشگاه',
      url: 'ldaps://dc1.example.ac.ir',
      bindDn: 'CN=helpdesk-reader,OU=Service,DC=example,DC=ac,DC=ir',
      bindPassword: 'service-account-password',
      baseDn: 'DC=example,DC=ac,DC=ir',
      activeDirectory: true,
      groupMappings: [{ groupDn: 'CN=Helpdesk Agents,OU=Groups,DC=example,DC=ac,DC=ir', role: 'agent' }],
    },
  },
  'GET /directories/:id': {
    operationId: 'getDirectory',
    summary: 'Get a directory',
    description: `${ADMIN} One directory with its mappings, people and last sync.`,
    errors: [404],
  },
  'PATCH /directories/:id': {
    operationId: 'updateDirectory',
    summary: 'Change a directory',
    description: `${ADMIN} Only the fields sent change. bindPassword replaces the stored one; an empty string removes it (anonymous bind); leaving it out keeps it.`,
    errors: [400, 404],
    example: { position: 1, syncIntervalMinutes: 30 },
  },
  'DELETE /directories/:id': {
    operationId: 'deleteDirectory',
    summary: 'Remove a directory',
    description: `${ADMIN} Its people keep their accounts, tickets and history, as local accounts without a password.`,
    errors: [404],
  },
  'POST /directories/:id/test': {
    operationId: 'testDirectory',
    summary: 'Test a directory',
    description: `${ADMIN} Connects as sign-in does and answers the stage reached — dns, connect, tls, bind, search, or done — with a message in the caller's language and the server's own words, and up to ten people the filter finds with the role each would get. Changes nothing.`,
    errors: [404],
  },
  'POST /directories/:id/sync': {
    operationId: 'syncDirectory',
    summary: 'Sync a directory now, or preview it',
    description: `${ADMIN} Creates and updates the accounts of everyone the filter finds, and deactivates (never deletes) accounts whose entry is gone, disabled or left without a role; they come back with their entry. dryRun: true answers the same counts and writes nothing. A search that finds nobody while the directory has people deactivates no one (502). The outcome is kept as the directory's last sync.`,
    errors: [404, 502],
    example: { dryRun: true },
  },
};
