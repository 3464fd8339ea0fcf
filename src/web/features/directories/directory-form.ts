import type { Directory, DirectoryCreate, DirectoryPatch } from './api';

export type MappedRole = 'admin' | 'agent' | 'customer';
export const MAPPED_ROLES: MappedRole[] = ['agent', 'customer', 'admin'];
export type DefaultRole = 'customer' | 'none';

/**
 * The contract's DEFAULT_USER_FILTER (src/contracts/directories.ts), repeated: importing a value
 * from the contracts would bring zod into the browser bundle. directory-form.test.ts keeps the two equal.
 */
export const DEFAULT_USER_FILTER = '(&(objectClass=person)(|(sAMAccountName={login})(uid={login})(mail={login})))';

export type Attributes = Directory['attributes'];
/** The usual attribute names of the two kinds of directory people run. */
export const PRESETS = {
  ad: { username: 'sAMAccountName', name: 'displayName', email: 'mail', mobile: 'mobile' },
  openldap: { username: 'uid', name: 'cn', email: 'mail', mobile: 'mobile' },
} satisfies Record<string, Attributes>;
export type Preset = keyof typeof PRESETS;

/** Which preset the attributes are, if any (the preset buttons show it as chosen). */
export const presetOf = (a: Attributes): Preset | null =>
  (Object.keys(PRESETS) as Preset[]).find((p) => JSON.stringify(PRESETS[p]) === JSON.stringify(a)) ?? null;

export interface MappingRow {
  /** A key for React only, never sent: rows can be removed from the middle. */
  key: number;
  groupDn: string;
  role: MappedRole;
  /** '' for none. */
  accessLevelId: string;
  departmentIds: string[];
}

/** The editor's fields as typed: the interval stays text until sent, so a half-typed number is not lost. */
export interface DirectoryForm {
  name: string;
  url: string;
  startTls: boolean;
  caCert: string;
  verifyTls: boolean;
  bindDn: string;
  /** Write-only: empty keeps the stored one (or sets none on a new directory). */
  bindPassword: string;
  clearPassword: boolean;
  baseDn: string;
  userFilter: string;
  attributes: Attributes;
  activeDirectory: boolean;
  nestedGroups: boolean;
  groupMappings: MappingRow[];
  defaultRole: DefaultRole;
  syncIntervalMinutes: string;
  active: boolean;
}

let nextKey = 1;
export const newMapping = (): MappingRow => ({
  key: nextKey++,
  groupDn: '',
  role: 'agent',
  accessLevelId: '',
  departmentIds: [],
});

export function initialForm(d: Directory | null): DirectoryForm {
  return {
    name: d?.name ?? '',
    url: d?.url ?? 'ldaps://',
    startTls: d?.startTls ?? false,
    caCert: d?.caCert ?? '',
    verifyTls: d?.verifyTls ?? true,
    bindDn: d?.bindDn ?? '',
    bindPassword: '',
    clearPassword: false,
    baseDn: d?.baseDn ?? '',
    userFilter: d?.userFilter ?? DEFAULT_USER_FILTER,
    attributes: d ? { ...d.attributes } : { ...PRESETS.ad },
    activeDirectory: d?.activeDirectory ?? false,
    nestedGroups: d?.nestedGroups ?? false,
    groupMappings: (d?.groupMappings ?? []).map((m) => ({
      key: nextKey++,
      groupDn: m.groupDn,
      role: m.role,
      accessLevelId: m.accessLevelId ?? '',
      departmentIds: [...m.departmentIds],
    })),
    defaultRole: d?.defaultRole ?? 'customer',
    syncIntervalMinutes: String(d?.syncIntervalMinutes ?? 60),
    active: d?.active ?? true,
  };
}

/** ldaps:// speaks TLS from the start; STARTTLS only upgrades a plain ldap:// connection. */
export const isLdaps = (url: string) => /^\s*ldaps:/i.test(url);

/** The settings as the API takes them, without the password (write-only, decided apart). */
function settings(f: DirectoryForm) {
  const ad = f.activeDirectory;
  return {
    name: f.name.trim(),
    url: f.url.trim(),
    startTls: !isLdaps(f.url) && f.startTls,
    caCert: f.caCert.trim() === '' ? null : f.caCert.trim(),
    verifyTls: f.verifyTls,
    bindDn: f.bindDn.trim(),
    baseDn: f.baseDn.trim(),
    userFilter: f.userFilter.trim(),
    attributes: {
      username: f.attributes.username.trim(),
      name: f.attributes.name.trim(),
      email: f.attributes.email.trim(),
      mobile: f.attributes.mobile.trim(),
    },
    activeDirectory: ad,
    // Nested groups are read with Active Directory's matching rule: meaningless elsewhere.
    nestedGroups: ad && f.nestedGroups,
    groupMappings: f.groupMappings.map((m) => ({
      groupDn: m.groupDn.trim(),
      role: m.role,
      // An access level and departments are an agent's; other roles send none.
      accessLevelId: m.role === 'agent' && m.accessLevelId ? m.accessLevelId : null,
      departmentIds: m.role === 'agent' ? m.departmentIds : [],
    })),
    defaultRole: f.defaultRole,
    syncIntervalMinutes: toNumber(f.syncIntervalMinutes) ?? 0,
    active: f.active,
  };
}

/** Latin digits as NumberField keeps them; empty is "not given". */
function toNumber(s: string): number | null {
  const v = s.trim();
  return v === '' ? null : Number(v);
}

export function createBody(f: DirectoryForm, position: number): DirectoryCreate {
  return { ...settings(f), position, ...(f.bindPassword !== '' && { bindPassword: f.bindPassword }) };
}

/** Only what changed since the form was loaded (PATCH shape); `{}` when nothing did. */
export function patchBody(f: DirectoryForm, start: DirectoryForm): DirectoryPatch {
  const now = settings(f);
  const before = settings(start);
  const body: Record<string, unknown> = {};
  for (const k of Object.keys(now) as Array<keyof typeof now>)
    if (JSON.stringify(now[k]) !== JSON.stringify(before[k])) body[k] = now[k];
  // Typed: the new password; "clear" with nothing typed: an empty string removes it (anonymous bind).
  if (f.bindPassword !== '') body.bindPassword = f.bindPassword;
  else if (f.clearPassword) body.bindPassword = '';
  return body as DirectoryPatch;
}

/** What the editor compares to know whether there are unsaved changes (the row keys left out). */
export const signature = (f: DirectoryForm) =>
  JSON.stringify({ ...f, groupMappings: f.groupMappings.map(({ key: _key, ...m }) => m) });

/** The field names whose server errors the editor shows under a field (the rest show above the save button). */
export function shownFields(f: DirectoryForm): string[] {
  const top = ['name', 'url', 'startTls', 'caCert', 'verifyTls', 'bindDn', 'bindPassword', 'baseDn', 'userFilter'];
  const more = ['activeDirectory', 'nestedGroups', 'groupMappings', 'defaultRole', 'syncIntervalMinutes', 'active'];
  const attributes = ['username', 'name', 'email', 'mobile'].map((a) => `attributes.${a}`);
  const rows = f.groupMappings.flatMap((m, i) =>
    ['groupDn', 'role', ...(m.role === 'agent' ? ['accessLevelId', 'departmentIds'] : [])].map(
      (k) => `groupMappings.${i}.${k}`,
    ),
  );
  return [...top, ...more, ...attributes, ...rows];
}
