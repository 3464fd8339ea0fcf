import type { ApiDocs } from '../../platform/http/api-docs';

/** The OpenAPI texts of the people module's operations (platform/http/api-docs.ts). */
export const peopleApiDocs: ApiDocs = {
  'PATCH /me': {
    operationId: 'updateMe',
    summary: 'Update my own profile',
    description:
      "Signed in. Changes the caller's name, signature and language at once. A new e-mail or mobile needs currentPassword (when the account has a password) and is not applied at once: it is answered in pendingContacts and a code is sent to it (valid 15 minutes) for POST /me/verify-contact; null removes an address. newPassword (or password) also needs currentPassword and ends the account's other sessions and revokes all its API tokens. Password checks are limited to 10 per 10 minutes and new addresses to 5 per hour (429). Staff may switch away on or off (away), with an optional time they are back by themselves (awayUntil, in the future; only while away) and a substitute (substituteId: another live agent or admin of the workspace, kept for next time): while away they get no tickets by automatic assignment, and what is assigned to them goes to the substitute when that one is present (never further along a chain). A customer sending these gets 400.",
    errors: [429],
    example: {
      name: 'مریم احمدی',
      signature: 'با احترام،\nمریم احمدی — واحد پشتیبانی',
      locale: 'fa',
      away: true,
      awayUntil: '2026-03-28T08:00:00+03:30',
      substituteId: '15',
    },
  },
  'POST /me/verify-contact': {
    operationId: 'verifyContact',
    summary: 'Confirm a new e-mail or mobile with its code',
    description:
      'Signed in. Applies the pending e-mail or mobile change (from PATCH /me) whose code this is; kind picks the change, otherwise whichever pending one matches. A wrong code answers 400 and counts against every pending change it was tried on; after 5 wrong codes, or 15 minutes, a change is dead and must be asked for again. Answers the updated person.',
    example: { kind: 'mobile', code: '305118' },
  },
  'POST /me/password': {
    operationId: 'changePassword',
    summary: 'Change my password',
    description:
      'Signed in. Checks currentPassword (400 when wrong), sets newPassword (at least 8 characters), ends every other session of the account and revokes all its API tokens; the session making the call stays signed in. At most 10 tries per 10 minutes (429). Answers 204.',
    errors: [429],
    example: { currentPassword: 'correct horse battery', newPassword: 'a-new-long-passphrase' },
  },
  'POST /me/avatar': {
    operationId: 'uploadAvatar',
    multipart: { file: 'The picture: PNG, JPEG, GIF or WebP.' },
    summary: 'Upload my avatar',
    description:
      "Signed in. One image part named file, at most 1 MiB; its type is read from its bytes, not from its name or header, and must be PNG, JPEG, GIF or WebP (415 otherwise; 413 when too large or when more than one file is sent). Replaces the caller's avatar and answers the updated person, whose avatarUrl points at the new picture.",
    errors: [413, 415],
  },
  'GET /users/:id/avatar': {
    operationId: 'getUserAvatar',
    produces: 'image/*',
    summary: "Get a person's avatar",
    description:
      'Signed in. The picture as stored, shown inline and cacheable privately for a day (the avatarUrl of a person carries a version, so a new picture gets a new URL). 404 when the person does not exist, is deleted or has no avatar.',
  },
  'GET /users': {
    operationId: 'listUsers',
    summary: 'List people',
    description:
      'Staff. Agents, admins and customers of the workspace, deleted accounts excluded; filter by role, active, departmentId, groupId and q (a part of the name, username, e-mail or mobile), sort by name, username, created or updated (prefix - for descending), paged (pageSize at most 100). Staff without customers.manage or users.manage see customers without their e-mail addresses and mobile, and find a customer by q only with a part of the name or username or the whole address or mobile.',
  },
  'POST /users': {
    operationId: 'createUser',
    summary: 'Create a person',
    description:
      "Needs customers.manage (customers only) or users.manage (agents and customers); only an admin creates an admin. Username, e-mail, alternate e-mails and mobile must be free in the workspace; departments are for staff only, an access level for agents only, groups must be of the person's kind, and every referenced id must exist (400). An agent created without accessLevelId gets the workspace's default access level, and nobody may give an agent a level with permissions they do not hold themselves (403). Without a password the person signs in by SMS code, or sets a password through a reset link.",
    example: {
      role: 'agent',
      username: 'r.karimi',
      name: 'رضا کریمی',
      email: 'r.karimi@example.com',
      mobile: '09351234567',
      password: 'first-login-passphrase',
      departmentIds: ['2'],
      accessLevelId: '1',
      locale: 'fa',
    },
  },
  'GET /users/:id': {
    operationId: 'getUser',
    summary: 'Get a person',
    description:
      'Staff. One person of the workspace with their departments, groups, access level and unit; 404 for an unknown or deleted account. Staff without customers.manage or users.manage see a customer without e-mail addresses and mobile.',
  },
  'PATCH /users/:id': {
    operationId: 'updateUser',
    summary: 'Update a person',
    description:
      "Needs customers.manage (for customers) or users.manage (for agents and customers); only an admin changes an admin, and an agent only by someone holding every permission of its access level (403). Only the fields sent change; departmentIds and groupIds replace the lists. Nobody changes their own role or deactivates themselves, and the last active admin cannot be demoted or deactivated (400). A new password, a deactivation or a role change ends the person's sessions and revokes their API tokens. away, awayUntil and substituteId switch a staff member away as PATCH /me does (400 for a customer, a substitute who is not a live staff account or the person themselves, or an awayUntil not ahead).",
    example: { name: 'رضا کریمی', departmentIds: ['2', '5'], active: true },
  },
  'DELETE /users/:id': {
    operationId: 'deleteUser',
    summary: 'Delete a person',
    description:
      'Needs customers.manage (for customers) or users.manage (for agents and customers); only an admin deletes an admin. The account is removed softly: its tickets and messages keep it, but it can no longer sign in, its sessions, API tokens, department and group memberships are removed, and its username, e-mail and mobile become free again. A deleted agent or admin is also taken off every ticket it was assigned to or followed (logged on each ticket) and off the departments it managed. Nobody deletes themselves or the last active admin (400).',
  },
  'GET /permissions': {
    operationId: 'listPermissions',
    summary: 'List permission names',
    description:
      'Staff. Every permission an access level can grant (such as tickets.reply or users.manage), in a fixed order; admins hold all of them.',
  },
  'GET /access-levels': {
    operationId: 'listAccessLevels',
    summary: 'List access levels',
    description:
      "Needs access_levels.manage. The workspace's access levels sorted by name, paged (pageSize at most 100), each with its permissions, the number of agents holding it and whether it is the default level given to new agents.",
  },
  'POST /access-levels': {
    operationId: 'createAccessLevel',
    summary: 'Create an access level',
    description:
      'Needs access_levels.manage. The name must be unique in the workspace, ignoring case (400). A level may only hold permissions the caller holds (403 naming the first one missing; admins hold all).',
    example: {
      name: 'کارشناس مالی',
      description: 'پاسخ به تیکت‌های صورتحساب و دیدن گزارش‌ها',
      permissions: ['tickets.create', 'tickets.reply', 'tickets.note', 'reports.view'],
    },
  },
  'PATCH /access-levels/:id': {
    operationId: 'updateAccessLevel',
    summary: 'Update an access level',
    description:
      'Needs access_levels.manage. Only the fields sent change; permissions replaces the list. Nobody but an admin changes the permissions of the level they hold, and nobody adds a permission they do not hold (403); removing one is always allowed. The change applies at once to every agent holding the level, including their open sessions and API tokens.',
    example: { permissions: ['tickets.create', 'tickets.reply', 'tickets.note', 'tickets.assign', 'reports.view'] },
  },
  'DELETE /access-levels/:id': {
    operationId: 'deleteAccessLevel',
    summary: 'Delete an access level',
    description:
      'Needs access_levels.manage. Refused with 409 while any agent holds the level (move them to another level first). Deleting the default level leaves the workspace without one until an admin names another in the settings; agents created meanwhile get no level.',
    errors: [409],
  },
  'GET /groups': {
    operationId: 'listGroups',
    summary: 'List groups',
    description:
      'Needs groups.manage. Customer and agent groups with their member ids, sorted by name and paged (pageSize at most 100); filter by kind and by q, a part of the name.',
  },
  'POST /groups': {
    operationId: 'createGroup',
    summary: 'Create a group',
    description:
      'Needs groups.manage. A group is of customers or of agents (agents and admins), fixed at creation; every member must be a live account of that kind (400 on memberIds otherwise). Agent groups can be added to a department at once with POST /departments/{id}/assign-group.',
    example: {
      kind: 'customer',
      name: 'دانشکده مهندسی',
      description: 'کارکنان و استادان دانشکده مهندسی',
      memberIds: ['41', '42', '57'],
    },
  },
  'PATCH /groups/:id': {
    operationId: 'updateGroup',
    summary: 'Update a group',
    description:
      "Needs groups.manage. Only the fields sent change; the kind cannot. memberIds replaces the whole member list, and every member must be a live account of the group's kind (400).",
    example: { name: 'دانشکده مهندسی و فنی', memberIds: ['41', '42', '57', '63'] },
  },
  'DELETE /groups/:id': {
    operationId: 'deleteGroup',
    summary: 'Delete a group',
    description:
      'Needs groups.manage. Removes the group and its memberships; the people stay, and agents a group once added to a department stay in that department.',
  },
  'GET /api-tokens': {
    operationId: 'listApiTokens',
    summary: 'List my API tokens',
    description:
      "Staff. The caller's own tokens, newest first and paged (pageSize at most 100), each with its prefix, scopes, last use and expiry; never the secret.",
  },
  'POST /api-tokens': {
    operationId: 'createApiToken',
    summary: 'Create an API token',
    description:
      "Staff, with a session or with a token of scope tokens (403 otherwise). The secret (token) is answered this once and stored only as a hash; send it as Authorization: Bearer. It acts as the caller with their permissions at each request, until it expires (expiresAt or expiresInDays, 90 days by default, at most 365, and never later than the token creating it), is revoked, or the owner's password changes. Scope api is always included; tokens also lets it manage tokens. At most 50 tokens per person (402).",
    errors: [402],
    example: { name: 'گزارش‌گیری شبانه', scopes: ['api'], expiresInDays: 90 },
  },
  'DELETE /api-tokens/:id': {
    operationId: 'deleteApiToken',
    summary: 'Revoke an API token',
    description:
      "Staff, with a session or with a token of scope tokens (403 otherwise). Revokes one of the caller's own tokens at once; another person's token answers 404. Answers 204.",
  },
};
