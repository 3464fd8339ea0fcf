/**
 * The catalogue of permissions an access level can grant (A6). Admins hold all of them.
 * Ticket permissions apply within the agent's departments unless `tickets.view_all` is held;
 * management permissions apply to the whole workspace.
 */
export const PERMISSIONS = [
  'tickets.view_all',
  'tickets.create',
  'tickets.reply',
  'tickets.note',
  'tickets.edit',
  'tickets.assign',
  'tickets.transfer',
  'tickets.delete',
  'tickets.bulk',
  'tickets.view_logs',
  'tickets.import',
  'customers.manage',
  'users.manage',
  'groups.manage',
  'departments.manage',
  'access_levels.manage',
  'catalog.manage',
  'settings.manage',
  'kb.manage',
  'reports.view',
  'mailboxes.manage',
  'billing.manage',
  /** Shared canned responses (K6); everyone keeps personal ones. */
  'canned.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'agent', 'customer'] as const;
export type Role = (typeof ROLES)[number];
