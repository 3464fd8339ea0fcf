import { escapeHtml } from '../../platform/html';
import type { Ctx } from '../../platform/context';
import { t } from '../../platform/i18n';
import { senderFor } from '../mail';
import { getSettings } from '../settings';
import type { DeliveryRow, Outcome } from './delivery-types';

const domainOf = (address: string) => address.split('@').pop()!.toLowerCase() || 'localhost';

/**
 * A notification by e-mail (G1): through the ticket department's mailbox, else the workspace's
 * system mailbox, else the platform's (SMTP_URL or the outbox) — as replies go (senderFor). The
 * Message-ID is fixed by the delivery (a retry sends the same mail), and every notification of a
 * ticket references one thread root per ticket, so mail clients keep them together.
 */
export async function sendEmailDelivery(ctx: Ctx, row: DeliveryRow): Promise<Outcome> {
  const p = row.payload;
  if (p.kind !== 'email') return { status: 'failed', reason: 'unreadable' };
  const sender = await senderFor(ctx, p.departmentId);
  const domain = domainOf(sender.address);
  const root = `<ticket.${row.workspaceId}.${p.number}@${domain}>`;
  const ws = await getSettings(ctx);
  const why = t(p.locale, 'notify.mail.why', { workspace: ws.title });
  const open = p.url ? t(p.locale, 'notify.mail.open', { url: p.url }) : '';
  const dir = p.locale === 'fa' ? 'rtl' : 'ltr';
  try {
    await sender.mailer.send({
      from: sender.from,
      to: row.to,
      subject: p.subject,
      text: [p.text, open, `--\n${why}`].filter(Boolean).join('\n\n'),
      html:
        `<div dir="${dir}"><p dir="auto">${escapeHtml(p.text)}</p>` +
        (p.url ? `<p><a href="${escapeHtml(p.url)}">${escapeHtml(open)}</a></p>` : '') +
        `<hr><p dir="auto" style="color:#666666;font-size:12px">${escapeHtml(why)}</p></div>`,
      messageId: `<notify.${row.id}@${domain}>`,
      inReplyTo: root,
      references: [root],
      headers: {
        // RFC 3834: automatic mail; robots (our own intake too) do not answer it.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'X-Pishkhan-Ticket': String(p.number),
      },
    });
    return { status: 'sent', provider: sender.via === 'platform' ? 'platform' : `mailbox:${sender.via}` };
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    // A 5xx answer is the receiving server's final word; anything else may pass later.
    if (typeof err.responseCode === 'number' && err.responseCode >= 500)
      return { status: 'failed', reason: `smtp_${err.responseCode}` };
    return { status: 'retry', reason: 'smtp_unavailable' };
  }
}
