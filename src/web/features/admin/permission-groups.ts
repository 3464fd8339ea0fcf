import { PERMISSIONS, type Permission } from '../../../contracts/permissions';

/** The permission matrix's sections; a permission not listed here lands in "other". */
const SECTIONS: Array<{ key: string; match: (p: Permission) => boolean }> = [
  { key: 'tickets', match: (p) => p.startsWith('tickets.') },
  {
    key: 'people',
    match: (p) => ['customers.manage', 'users.manage', 'groups.manage', 'access_levels.manage'].includes(p),
  },
  { key: 'organisation', match: (p) => ['departments.manage', 'catalog.manage'].includes(p) },
  { key: 'content', match: (p) => ['kb.manage', 'reports.view', 'canned.manage'].includes(p) },
  { key: 'system', match: (p) => ['settings.manage', 'mailboxes.manage', 'billing.manage'].includes(p) },
];

export function permissionSections(): Array<{ key: string; permissions: Permission[] }> {
  const left = new Set<Permission>(PERMISSIONS);
  const out = SECTIONS.map((s) => {
    const permissions = PERMISSIONS.filter((p) => left.has(p) && s.match(p));
    permissions.forEach((p) => left.delete(p));
    return { key: s.key, permissions };
  });
  if (left.size) out.push({ key: 'other', permissions: [...left] });
  return out.filter((s) => s.permissions.length > 0);
}

/** i18n keys cannot hold the dot of "tickets.reply" as one segment: "tickets.reply" → "tickets_reply". */
export const permKey = (p: string) => p.replace('.', '_');
