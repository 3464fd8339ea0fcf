import { t, type Locale } from '../../platform/i18n';
import type { Notice, NoticeTicket } from './recipients';

/** What the texts of one notice are made from. */
export interface TextFacts {
  ticket: NoticeTicket;
  sender: string;
  /** The start of the message that caused it, as plain text. */
  excerpt: string;
  workspace: string;
  publicUrl: string;
}

export interface NoticeText {
  title: string;
  body: string;
  sms: string;
  /** Where the ticket opens for this reader; null for a guest (the tracking link is theirs). */
  url: string | null;
}

const SUBJECT_MAX = 60;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The title, body and SMS of a notice in the reader's language. */
export function noticeText(n: Notice, locale: Locale, f: TextFacts, reader: 'staff' | 'member' | 'guest'): NoticeText {
  const status = n.event === 'statusChanged' ? t(locale, `notify.status.${f.ticket.status}`) : '';
  const params = {
    number: f.ticket.number,
    subject: clip(f.ticket.subject, SUBJECT_MAX),
    sender: f.sender,
    department: n.departmentName ?? f.ticket.departmentName,
    excerpt: clip(f.excerpt, 140),
    status,
    workspace: f.workspace,
  };
  const key = n.ack ? 'ticketCreated.ack' : n.event;
  const title = n.ack ? t(locale, 'notify.ticketCreated.ack_title', params) : t(locale, `notify.${key}.title`, params);
  const body = n.ack ? t(locale, 'notify.ticketCreated.ack_body', params) : t(locale, `notify.${key}.body`, params);
  const path = reader === 'staff' ? `/agent/tickets/${f.ticket.number}` : `/portal/tickets/${f.ticket.number}`;
  return {
    title,
    body,
    sms: t(locale, `notify.sms.${n.event}`, params),
    url: reader === 'guest' ? null : `${f.publicUrl}${path}`,
  };
}
