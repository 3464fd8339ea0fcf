import type { ParsedInbound } from './parsed-inbound';

export type AutomatedReason =
  'auto-submitted' | 'precedence' | 'mailer-daemon' | 'list' | 'auto-reply-header' | 'bounce';

/** Sender local parts of bounces and machines that must never be answered. */
const ROBOT_SENDER = /^(mailer-daemon|postmaster|no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?)([-+._].*)?@/i;

/**
 * Is this an auto-reply, a bounce or list traffic? Such mail never creates a ticket and is
 * never answered, so two systems cannot mail each other forever.
 */
export function isAutomated(parsed: Pick<ParsedInbound, 'headers' | 'from'>): {
  automated: boolean;
  reason?: AutomatedReason;
} {
  const h = (name: string) => (parsed.headers[name] ?? '').trim();
  const yes = (reason: AutomatedReason) => ({ automated: true, reason });

  const autoSubmitted = h('auto-submitted').toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return yes('auto-submitted');

  const contentType = h('content-type').toLowerCase();
  if (
    /^multipart\/report\b/.test(contentType) &&
    /report-type\s*=\s*"?(delivery-status|disposition-notification)/.test(contentType)
  ) {
    return yes('bounce');
  }
  if (h('x-failed-recipients') || /^<\s*>$/.test(h('return-path'))) return yes('bounce');

  if (h('x-autoreply') || h('x-autorespond')) return yes('auto-reply-header');
  const suppress = h('x-auto-response-suppress').toLowerCase();
  if (/(^|[\s,])(all|oof)($|[\s,])/.test(suppress)) return yes('auto-reply-header');

  if (/^(bulk|junk|list|auto_reply)$/i.test(h('precedence'))) return yes('precedence');

  if (ROBOT_SENDER.test(parsed.from.address)) return yes('mailer-daemon');

  if (h('list-id') || h('list-unsubscribe')) return yes('list');

  return { automated: false };
}
