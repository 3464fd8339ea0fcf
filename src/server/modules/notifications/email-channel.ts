import { escapeHtml } from '../../platform/html';
import type { Ctx } from '../../platform/context';
import { t } from '../../platform/i18n';
import { senderFor } from '../mail';
import { getSettings } from '../settings';
import type { DeliveryRow, Outcome } from './delivery-types';

const domainOf = (address: string) => address.split('@').pop()!.toLowerCase() || 'localhost';

/**
 * Notifications by e-mail (G1) of one and the same text (`rows` share their payload): through
 * the ticket department's mailbox, else the workspace's system mailbox, else the platform's
 * (SMTP_URL or the outbox) — as replies go (senderFor). One reader gets the mail addressed to
 * them; several get one message with their addresses in the SMTP envelope only, so nobody sees
 * the others and 50 agents cost one SMTP transaction. The Message-ID is fixed by the first
 * delivery (a retry sends the same mail), and every notification of a ticket references one
 * thread root per ticket, so mail clients keep them together. Recipients the server refuses
 * fail alone.
 */
export async function sendEmailDeliveries(ctx: Ctx, rows: DeliveryRow[]): Promise<Map<number, Outcome>> {
  const all = (out: Outcome) => new Map(rows.map((r) => [r.id, out]));
  const p = rows[0].payload;
  if (p.kind !== 'email') return all({ status: 'failed', reason: 'unreadable' });
  const sender = await senderFor(ctx, p.departmentId);
  const domain = domainOf(sender.address);
  const root = `<ticket.${rows[0].workspaceId}.${p.number}@${domain}>`;
  const ws = await getSettings(ctx);
  const why = t(p.locale, 'notify.mail.why', { workspace: ws.title });
  const open = p.url ? t(p.locale, 'notify.mail.open', { url: p.url }) : '';
  const dir = p.locale === 'fa' ? 'rtl' : 'ltr';
  const many = rows.length > 1;
  try {
    const result = await sender.mailer.send({
      from: sender.from,
      // Several readers: the header names the sending mailbox, the envelope the readers.
      to: many ? sender.address : rows[0].to,
      envelopeTo: many ? rows.map((r) => r.to) : undefined,
      subject: p.subject,
      text: [p.text, open, `--\n${why}`].filter(Boolean).join('\n\n'),
      html:
        `<div dir="${dir}"><p dir="auto">${escapeHtml(p.text)}</p>` +
        (p.url ? `<p><a href="${escapeHtml(p.url)}">${escapeHtml(open)}</a></p>` : '') +
        `<hr><p dir="auto" style="color:#666666;font-size:12px">${escapeHtml(why)}</p></div>`,
      messageId: `<notify.${rows[0].id}@${domain}>`,
      inReplyTo: root,
      references: [root],
      headers: {
        // RFC 3834: automatic mail; robots (our own intake too) do not answer it.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
        'X-Pishkhan-Ticket': String(p.number),
      },
    });
    const refused = new Set((result?.rejected ?? []).map((a) => a.toLowerCase()));
    const provider = sender.via === 'platform' ? 'platform' : `mailbox:${sender.via}`;
    return new Map(
      rows.map((r): [number, Outcome] => [
        r.id,
        refused.has(r.to.toLowerCase()) ? { status: 'failed', reason: 'smtp_rejected' } : { status: 'sent', provider },
      ]),
    );
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    // A 5xx answer is the receiving server's final word; anything else may pass later.
    if (typeof err.responseCode === 'number' && err.responseCode >= 500)
      return all({ status: 'failed', reason: `smtp_${err.responseCode}` });
    return all({ status: 'retry', reason: 'smtp_unavailable' });
  }
}
