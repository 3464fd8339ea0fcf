import { escapeHtml } from '../../platform/html';
import { t, type Locale } from '../../platform/i18n';
import type { MailMessage } from '../../platform/mailer';

export interface GuestLinkMail {
  locale: Locale;
  reason: 'created' | 'resent';
  /** The workspace's title, as the guest saw it on the form. */
  title: string;
  number: number;
  subject: string;
  name: string;
  from: string;
  to: string;
  /** The code as the guest should type it (grouped when it is a new one). */
  code: string;
  /** The guest ticket page with number and code; and the page where both can be typed. */
  link: string;
  trackUrl: string;
  /** This mail's Message-ID, no angle brackets. */
  messageId: string;
}

/**
 * The guest's tracking link (F4, issue 14) in its language: a plain-text part and an HTML part,
 * right to left for Persian. The subject carries `[#n]` (in ASCII digits) so that an answer to
 * this mail finds its ticket. `Auto-Submitted: auto-generated` keeps robots from answering it.
 */
export function composeGuestLink(m: GuestLinkMail): MailMessage {
  const l = m.locale;
  const ref = `[#${m.number}]`;
  const intro = t(l, m.reason === 'created' ? 'mail.guest_link.intro_created' : 'mail.guest_link.intro_resent', {
    number: m.number,
    title: m.title,
  });
  const greeting = t(l, 'mail.guest_link.greeting', { name: m.name });
  const manual = t(l, 'mail.guest_link.manual', { url: m.trackUrl });
  const numberLabel = t(l, 'mail.guest_link.number');
  const codeLabel = t(l, 'mail.guest_link.code');
  const keep = t(l, 'mail.guest_link.keep');
  const notYou = t(l, 'mail.guest_link.not_you');
  const automatic = t(l, 'mail.notice.automatic');
  const text = [
    greeting,
    intro,
    m.link,
    manual,
    `${numberLabel}: ${m.number}\n${codeLabel}: ${m.code}`,
    keep,
    `${notYou}\n${automatic}`,
  ].join('\n\n');

  const dir = l === 'fa' ? 'rtl' : 'ltr';
  const p = (s: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(s)}</p>`;
  const ltr = (s: string, style: string) => `<span dir="ltr" style="${style}">${escapeHtml(s)}</span>`;
  const mono = 'font-family:Consolas,Menlo,monospace;';
  const html = [
    `<div dir="${dir}" lang="${l}" style="font-family:Tahoma,Arial,sans-serif;font-size:15px;line-height:1.7;color:#1f2937;text-align:${dir === 'rtl' ? 'right' : 'left'}">`,
    p(greeting),
    p(intro),
    `<p><a href="${escapeHtml(m.link)}" style="display:inline-block;padding:10px 18px;background:#1565c0;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(t(l, 'mail.guest_link.open'))}</a></p>`,
    `<p dir="ltr" style="text-align:left;font-size:13px;color:#4b5563;word-break:break-all">${escapeHtml(m.link)}</p>`,
    p(manual),
    `<table role="presentation" style="border-collapse:collapse;margin:8px 0">`,
    `<tr><td style="padding:4px 0;padding-inline-end:16px;color:#4b5563">${escapeHtml(numberLabel)}</td><td>${ltr(String(m.number), `${mono}font-size:18px;font-weight:bold`)}</td></tr>`,
    `<tr><td style="padding:4px 0;padding-inline-end:16px;color:#4b5563">${escapeHtml(codeLabel)}</td><td>${ltr(m.code, `${mono}font-size:18px;font-weight:bold;letter-spacing:1px`)}</td></tr>`,
    `</table>`,
    p(keep),
    p(`${notYou} ${automatic}`, 'font-size:13px;color:#6b7280'),
    `</div>`,
  ].join('\n');

  return {
    from: m.from,
    to: m.to,
    subject: t(l, m.reason === 'created' ? 'mail.guest_link.subject_created' : 'mail.guest_link.subject_resent', {
      ref,
      subject: m.subject,
    }),
    text,
    html,
    messageId: `<${m.messageId}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Pishkhan-Ticket': String(m.number) },
  };
}
