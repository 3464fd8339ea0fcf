import { escapeHtml } from '../../platform/html';
import { t, type Locale } from '../../platform/i18n';
import type { MailMessage } from '../../platform/mailer';

export interface CsatMail {
  locale: Locale;
  /** The workspace's title. */
  title: string;
  number: number;
  subject: string;
  /** The requester's name; empty for a plain greeting. */
  name: string;
  from: string;
  to: string;
  /** The survey page, `<base>/csat/<token>`; each rating adds `?rating=N`. */
  link: string;
}

export const RATINGS = [1, 2, 3, 4, 5] as const;
/** The faces beside the labels, from very unhappy to very happy (the web page shows the same). */
export const FACES: Record<number, string> = { 1: '😠', 2: '🙁', 3: '😐', 4: '🙂', 5: '😄' };
const COLOURS: Record<number, string> = { 1: '#b71c1c', 2: '#bf360c', 3: '#616161', 4: '#2e7d32', 5: '#1b5e20' };

export const ratingLink = (link: string, rating: number) => `${link}?rating=${rating}`;

/**
 * K5: the survey mail in the requester's language — a plain-text part and an HTML part (right to
 * left for Persian) with five one-click links, one per rating. `[#n]` in the subject (ASCII
 * digits) ties an answer by mail to its ticket; `Auto-Submitted` keeps robots from answering.
 */
export function composeCsatMail(m: CsatMail): MailMessage {
  const l = m.locale;
  const greeting = m.name ? t(l, 'mail.csat.greeting', { name: m.name }) : t(l, 'mail.csat.greeting_plain');
  const intro = t(l, 'mail.csat.intro', { number: m.number, title: m.title });
  const oneClick = t(l, 'mail.csat.one_click');
  const expires = t(l, 'mail.csat.expires');
  const automatic = t(l, 'mail.notice.automatic');
  const label = (r: number) => t(l, `mail.csat.rating_${r}`);
  // Best first, as people read a scale in their direction.
  const order = [...RATINGS].reverse();
  const text = [
    greeting,
    intro,
    oneClick,
    order.map((r) => `${r} - ${label(r)}: ${ratingLink(m.link, r)}`).join('\n'),
    `${expires}\n${automatic}`,
  ].join('\n\n');

  const dir = l === 'fa' ? 'rtl' : 'ltr';
  const p = (s: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(s)}</p>`;
  const cell = (r: number) =>
    `<td style="padding:4px;text-align:center"><a href="${escapeHtml(ratingLink(m.link, r))}" style="display:block;min-width:88px;padding:10px 6px;border:2px solid ${COLOURS[r]};border-radius:10px;color:${COLOURS[r]};text-decoration:none;font-weight:bold"><span style="font-size:30px;line-height:1.2">${FACES[r]}</span><br>${escapeHtml(label(r))}</a></td>`;
  const html = [
    `<div dir="${dir}" lang="${l}" style="font-family:Tahoma,Arial,sans-serif;font-size:15px;line-height:1.7;color:#1f2937;text-align:${dir === 'rtl' ? 'right' : 'left'}">`,
    p(greeting),
    p(intro),
    p(oneClick, 'color:#4b5563'),
    `<table role="presentation" dir="${dir}" style="border-collapse:collapse;margin:12px 0"><tr>${order.map(cell).join('')}</tr></table>`,
    p(`${expires} ${automatic}`, 'font-size:13px;color:#6b7280'),
    `</div>`,
  ].join('\n');

  return {
    from: m.from,
    to: m.to,
    subject: t(l, 'mail.csat.subject', { ref: `[#${m.number}]`, subject: m.subject }),
    text,
    html,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Pishkhan-Ticket': String(m.number) },
  };
}
