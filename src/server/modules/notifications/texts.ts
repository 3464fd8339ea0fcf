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

/**
 * A name or subject inside a sentence of the other direction (a Latin name in a Persian
 * sentence) is isolated (FSI … PDI), so the sentence keeps its order; SMS go without (old
 * phones show the marks as boxes).
 */
const isolate = (s: string) => `\u2068${s}\u2069`;

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
  const shown = {
    ...params,
    subject: isolate(params.subject),
    sender: isolate(params.sender),
    department: isolate(params.department),
    excerpt: isolate(params.excerpt),
  };
  const title = t(locale, n.ack ? 'notify.ticketCreated.ack_title' : `notify.${n.event}.title`, shown);
  const body = t(locale, n.ack ? 'notify.ticketCreated.ack_body' : `notify.${n.event}.body`, shown);
  const path = reader === 'staff' ? `/agent/tickets/${f.ticket.number}` : `/portal/tickets/${f.ticket.number}`;
  return {
    title,
    body,
    sms: t(locale, `notify.sms.${n.event}`, params),
    url: reader === 'guest' ? null : `${f.publicUrl}${path}`,
  };
}
