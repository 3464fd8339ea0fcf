import { escapeHtml, htmlToText } from '../../../platform/html';
import type { MailAttachment, MailMessage } from '../../../platform/mailer';
import { replySubject } from '../inbound/ticket-ref';

/** Thread headers keep at most this many References (the first and the latest ones). */
const MAX_REFERENCES = 20;

export interface ReplyMail {
  number: number;
  subject: string;
  from: string;
  to: string;
  cc: string[];
  bcc: string[];
  /** Sanitised HTML of the message. */
  bodyHtml: string;
  /** Already translated; shown under the message, e.g. where to answer on the web. */
  footer: string;
  /** This mail's own Message-ID, no angle brackets. */
  messageId: string;
  /** Message-IDs of the ticket's earlier mails, oldest first, no angle brackets. */
  thread: string[];
  attachments: MailAttachment[];
  dir: 'rtl' | 'ltr' | 'auto';
  /** The ticket's first message (staff opened it for the customer): no "Re:". */
  opening: boolean;
}

const bracket = (id: string) => `<${id}>`;

/** Earlier ids to reference: the first (the thread's root) and the latest ones. */
export function referencesOf(thread: string[]): string[] {
  if (thread.length <= MAX_REFERENCES) return thread;
  return [thread[0], ...thread.slice(thread.length - (MAX_REFERENCES - 1))];
}

/**
 * An agent's reply as a mail (F3, C15): `Re: [#n] subject` so answers find their ticket again,
 * In-Reply-To and References so mail clients thread it, an HTML and a text part.
 */
export function composeReply(r: ReplyMail): MailMessage {
  const refs = referencesOf(r.thread);
  const footerHtml = r.footer ? `<hr><p dir="auto" style="color:#666666">${escapeHtml(r.footer)}</p>` : '';
  return {
    from: r.from,
    to: r.to,
    cc: r.cc,
    bcc: r.bcc,
    subject: r.opening ? replySubject(r.number, r.subject).replace(/^Re: /, '') : replySubject(r.number, r.subject),
    html: `<div dir="${r.dir}">${r.bodyHtml}</div>${footerHtml}`,
    text: [htmlToText(r.bodyHtml), r.footer ? `--\n${r.footer}` : ''].filter(Boolean).join('\n\n'),
    messageId: bracket(r.messageId),
    inReplyTo: refs.length ? bracket(refs[refs.length - 1]) : undefined,
    references: refs.map(bracket),
    headers: { 'X-Pishkhan-Ticket': String(r.number) },
    attachments: r.attachments,
  };
}

/**
 * The automatic answer to a sender whose attachments were not kept. `Auto-Submitted:
 * auto-replied` (RFC 3834) keeps well-behaved robots — ours included — from answering it.
 */
export function composeNotice(n: {
  number: number;
  subject: string;
  from: string;
  to: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
}): MailMessage {
  return {
    from: n.from,
    to: n.to,
    subject: replySubject(n.number, n.subject),
    text: n.text,
    html: n.text
      .split(/\n{2,}/)
      .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join(''),
    messageId: bracket(n.messageId),
    inReplyTo: n.inReplyTo ? bracket(n.inReplyTo) : undefined,
    references: n.inReplyTo ? [bracket(n.inReplyTo)] : [],
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'X-Pishkhan-Ticket': String(n.number),
    },
  };
}
