import type { TCreateMailbox, TUpdateMailbox } from '../../../contracts/mail';
import type { Ctx } from '../../platform/context';
import { Invalid, type Msg } from '../../platform/errors';
import { findDepartment } from '../departments';
import type { MailSettings } from './connection-test';
import { mailboxOfDepartment, mailboxSealer, type MailboxRow } from './mailboxes.repo';

/** The writable columns of a mailbox. */
export type MailboxValues = Pick<
  MailboxRow,
  | 'departmentId'
  | 'address'
  | 'displayName'
  | 'active'
  | 'inboundProtocol'
  | 'inboundHost'
  | 'inboundPort'
  | 'inboundTls'
  | 'inboundUsername'
  | 'inboundPasswordSealed'
  | 'imapFolder'
  | 'afterFetch'
  | 'moveToFolder'
  | 'smtpHost'
  | 'smtpPort'
  | 'smtpTls'
  | 'smtpAuth'
  | 'smtpUsername'
  | 'smtpPasswordSealed'
  | 'fetchIntervalMinutes'
>;

export const valuesOf = (r: MailboxRow): MailboxValues => ({
  departmentId: r.departmentId,
  address: r.address,
  displayName: r.displayName,
  active: r.active,
  inboundProtocol: r.inboundProtocol,
  inboundHost: r.inboundHost,
  inboundPort: r.inboundPort,
  inboundTls: r.inboundTls,
  inboundUsername: r.inboundUsername,
  inboundPasswordSealed: r.inboundPasswordSealed,
  imapFolder: r.imapFolder,
  afterFetch: r.afterFetch,
  moveToFolder: r.moveToFolder,
  smtpHost: r.smtpHost,
  smtpPort: r.smtpPort,
  smtpTls: r.smtpTls,
  smtpAuth: r.smtpAuth,
  smtpUsername: r.smtpUsername,
  smtpPasswordSealed: r.smtpPasswordSealed,
  fetchIntervalMinutes: r.fetchIntervalMinutes,
});

const EMPTY: MailboxValues = {
  departmentId: null,
  address: '',
  displayName: '',
  active: true,
  inboundProtocol: 'none',
  inboundHost: null,
  inboundPort: null,
  inboundTls: 'tls',
  inboundUsername: null,
  inboundPasswordSealed: null,
  imapFolder: 'INBOX',
  afterFetch: 'seen',
  moveToFolder: null,
  smtpHost: null,
  smtpPort: null,
  smtpTls: 'starttls',
  smtpAuth: true,
  smtpUsername: null,
  smtpPasswordSealed: null,
  fetchIntervalMinutes: 5,
};

/**
 * Applies a create or PATCH body over stored values. Passwords are write-only: a string is
 * sealed, `null` clears, leaving it out keeps the stored one.
 */
export function applyInput(
  ctx: Ctx,
  base: MailboxValues | null,
  input: TCreateMailbox | TUpdateMailbox,
): MailboxValues {
  const v: MailboxValues = { ...(base ?? EMPTY) };
  const seal = (p: string | null | undefined, old: string | null) =>
    p === undefined ? old : p === null ? null : mailboxSealer(ctx).seal(p);
  const set = <K extends keyof MailboxValues>(key: K, value: MailboxValues[K] | undefined) => {
    if (value !== undefined) v[key] = value;
  };
  set('departmentId', input.departmentId === undefined ? undefined : (input.departmentId ?? null));
  set('address', input.address);
  set('displayName', input.displayName);
  set('active', input.active);
  set('fetchIntervalMinutes', input.fetchIntervalMinutes);
  const i = input.inbound;
  if (i) {
    set('inboundProtocol', i.protocol);
    set('inboundHost', i.host === undefined ? undefined : (i.host ?? null));
    set('inboundPort', i.port === undefined ? undefined : (i.port ?? null));
    set('inboundTls', i.tls);
    set('inboundUsername', i.username === undefined ? undefined : (i.username ?? null));
    v.inboundPasswordSealed = seal(i.password, v.inboundPasswordSealed);
    set('imapFolder', i.folder);
    set('afterFetch', i.afterFetch);
    set('moveToFolder', i.moveToFolder === undefined ? undefined : (i.moveToFolder ?? null));
  }
  const o = input.outbound;
  if (o) {
    set('smtpHost', o.host);
    set('smtpPort', o.port === undefined ? undefined : (o.port ?? null));
    set('smtpTls', o.tls);
    set('smtpAuth', o.auth);
    set('smtpUsername', o.username === undefined ? undefined : (o.username ?? null));
    v.smtpPasswordSealed = seal(o.password, v.smtpPasswordSealed);
  }
  return v;
}

/** What depends on other fields: the protocol's required fields, the department, one mailbox each. */
export async function checkValues(ctx: Ctx, v: MailboxValues, selfId?: number): Promise<void> {
  const fields: Record<string, Msg> = {};
  const required = { key: 'validation.required' };
  if (v.inboundProtocol !== 'none') {
    if (!v.inboundHost) fields['inbound.host'] = required;
    if (!v.inboundUsername) fields['inbound.username'] = required;
    if (!v.inboundPasswordSealed) fields['inbound.password'] = required;
    if (v.afterFetch === 'move' && v.inboundProtocol !== 'imap')
      fields['inbound.afterFetch'] = { key: 'validation.mail_move_imap_only' };
    else if (v.afterFetch === 'move' && !v.moveToFolder) fields['inbound.moveToFolder'] = required;
  }
  if (!v.smtpHost) fields['outbound.host'] = required;
  if (v.smtpAuth) {
    if (!v.smtpUsername) fields['outbound.username'] = required;
    if (!v.smtpPasswordSealed) fields['outbound.password'] = required;
  }
  if (v.departmentId !== null && !(await findDepartment(ctx, v.departmentId)))
    fields.departmentId = { key: 'validation.unknown_department' };
  else if (await mailboxOfDepartment(ctx, v.departmentId, selfId))
    fields.departmentId = {
      key: v.departmentId === null ? 'validation.system_mailbox_exists' : 'validation.department_mailbox_exists',
    };
  if (Object.keys(fields).length) throw Invalid(fields);
}

/** Settings with the passwords opened, for a connection test; never stored or logged. */
export function openSettings(ctx: Ctx, v: MailboxValues): MailSettings {
  const open = (s: string | null) => (s === null ? null : mailboxSealer(ctx).open(s));
  return {
    inbound: {
      protocol: v.inboundProtocol,
      host: v.inboundHost,
      port: v.inboundPort,
      tls: v.inboundTls,
      username: v.inboundUsername,
      password: open(v.inboundPasswordSealed),
    },
    outbound: {
      host: v.smtpHost,
      port: v.smtpPort,
      tls: v.smtpTls,
      auth: v.smtpAuth,
      username: v.smtpUsername,
      password: open(v.smtpPasswordSealed),
    },
  };
}

/** Names of the fields a PATCH touched (never values), for the audit log. */
export function touchedFields(input: TUpdateMailbox): string[] {
  const out: string[] = [];
  for (const [k, val] of Object.entries(input)) {
    if (val === undefined) continue;
    if ((k === 'inbound' || k === 'outbound') && val && typeof val === 'object') {
      for (const [kk, vv] of Object.entries(val)) if (vv !== undefined) out.push(`${k}.${kk}`);
    } else out.push(k);
  }
  return out;
}
