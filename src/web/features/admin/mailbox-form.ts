import type { BodyOf } from '../../app/api';
import type { Mailbox } from './types';

export type Protocol = Mailbox['inbound']['protocol'];
export type Tls = Mailbox['inbound']['tls'];
type Patch = BodyOf<'updateMailbox'>;
export const PROTOCOLS: Protocol[] = ['none', 'imap', 'pop3'];
export const TLS_MODES: Tls[] = ['tls', 'starttls', 'none'];

/** The dialog's fields as typed: numbers stay text until sent so a half-typed port is not lost. */
export interface MailboxForm {
  departmentId: string;
  address: string;
  displayName: string;
  active: boolean;
  fetchIntervalMinutes: string;
  inbound: {
    protocol: Protocol;
    host: string;
    port: string;
    tls: Tls;
    username: string;
    password: string;
    clearPassword: boolean;
    folder: string;
    afterFetch: 'seen' | 'move';
    moveToFolder: string;
  };
  outbound: {
    host: string;
    port: string;
    tls: Tls;
    auth: boolean;
    username: string;
    password: string;
    clearPassword: boolean;
  };
}

/** The port the server uses when none is given (mail.ts: IMAP 993/143, POP3 995/110, SMTP 465/587). */
export function defaultInboundPort(protocol: Protocol, tls: Tls): number | null {
  if (protocol === 'imap') return tls === 'tls' ? 993 : 143;
  if (protocol === 'pop3') return tls === 'tls' ? 995 : 110;
  return null;
}
export const defaultOutboundPort = (tls: Tls) => (tls === 'tls' ? 465 : 587);

export function initialForm(m: Mailbox | null): MailboxForm {
  return {
    departmentId: m?.departmentId ?? '',
    address: m?.address ?? '',
    displayName: m?.displayName ?? '',
    active: m?.active ?? true,
    fetchIntervalMinutes: String(m?.fetchIntervalMinutes ?? 5),
    inbound: {
      protocol: m?.inbound.protocol ?? 'imap',
      host: m?.inbound.host ?? '',
      port: m?.inbound.port == null ? '' : String(m.inbound.port),
      tls: m?.inbound.tls ?? 'tls',
      username: m?.inbound.username ?? '',
      password: '',
      clearPassword: false,
      folder: m?.inbound.folder ?? 'INBOX',
      afterFetch: m?.inbound.afterFetch ?? 'seen',
      moveToFolder: m?.inbound.moveToFolder ?? '',
    },
    outbound: {
      host: m?.outbound.host ?? '',
      port: m?.outbound.port == null ? '' : String(m.outbound.port),
      tls: m?.outbound.tls ?? 'starttls',
      auth: m?.outbound.auth ?? true,
      username: m?.outbound.username ?? '',
      password: '',
      clearPassword: false,
    },
  };
}

const toLatin = (s: string) =>
  s
    .trim()
    .replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))
    .replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));
/** What a number box keeps of the typed text: digits only (Latin, Persian or Arabic-Indic). */
export const digitsOnly = (s: string) => s.replace(/[^0-9۰-۹٠-٩]/g, '');
/** Empty is "use the default"; the range (a port up to 65535…) is the server's to judge. */
function num(s: string): number | null {
  const v = toLatin(digitsOnly(s));
  return v === '' ? null : Number(v);
}
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
/** Write-only secret: typed → set, "clear" → null, empty → left out (the saved one stays). */
const secret = (p: string, clear: boolean) => (p !== '' ? p : clear ? null : undefined);

function sections(f: MailboxForm) {
  const i = f.inbound;
  const o = f.outbound;
  return {
    departmentId: f.departmentId === '' ? null : f.departmentId,
    address: f.address.trim(),
    displayName: f.displayName.trim(),
    active: f.active,
    fetchIntervalMinutes: num(f.fetchIntervalMinutes) ?? 5,
    inbound: {
      protocol: i.protocol,
      host: orNull(i.host),
      port: num(i.port),
      tls: i.tls,
      username: orNull(i.username),
      folder: i.folder.trim(),
      afterFetch: i.afterFetch,
      moveToFolder: orNull(i.moveToFolder),
    },
    outbound: { host: o.host.trim(), port: num(o.port), tls: o.tls, auth: o.auth, username: orNull(o.username) },
  };
}

export function createBody(f: MailboxForm): BodyOf<'createMailbox'> {
  const s = sections(f);
  const inPw = secret(f.inbound.password, false);
  const outPw = secret(f.outbound.password, false);
  return {
    ...s,
    inbound: { ...s.inbound, ...(inPw !== undefined && { password: inPw }) },
    outbound: { ...s.outbound, ...(outPw !== undefined && { password: outPw }) },
  };
}

/** The fields of `x` whose value differs from `y`'s. */
function diff<T extends object>(x: T, y: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k in x) if (JSON.stringify(x[k]) !== JSON.stringify(y[k])) out[k] = x[k];
  return out;
}

/** Only what changed since the dialog opened (PATCH shape); `{}` when nothing did. */
export function patchBody(f: MailboxForm, start: MailboxForm): Patch {
  const { inbound, outbound, ...top } = sections(f);
  const { inbound: startInbound, outbound: startOutbound, ...startTop } = sections(start);
  const body: Patch = diff(top, startTop);
  const inb: NonNullable<Patch['inbound']> = diff(inbound, startInbound);
  const outb: NonNullable<Patch['outbound']> = diff(outbound, startOutbound);
  const inPw = secret(f.inbound.password, f.inbound.clearPassword);
  const outPw = secret(f.outbound.password, f.outbound.clearPassword);
  if (inPw !== undefined) inb.password = inPw;
  if (outPw !== undefined) outb.password = outPw;
  if (Object.keys(inb).length) body.inbound = inb;
  if (Object.keys(outb).length) body.outbound = outb;
  return body;
}
