import type { Ctx } from '../../platform/context';
import { InvalidField } from '../../platform/errors';
import { resolveTarget, TargetNotAllowed } from '../../platform/net-guard';
import { httpAllowed } from './http-post';

/**
 * A webhook's URL when it is saved: https (plain http only where WEBHOOKS_ALLOW_HTTP or a
 * development/test install allows it), a host that resolves, and — unless
 * WEBHOOKS_ALLOW_PRIVATE=true — to public addresses only. Checked again at every send, since
 * a name may later resolve elsewhere.
 */
export async function checkWebhookUrl(ctx: Ctx, url: string): Promise<void> {
  const u = new URL(url);
  if (u.protocol !== 'https:' && !httpAllowed(ctx.deps)) throw InvalidField('url', 'validation.webhook_https');
  try {
    await resolveTarget(u.hostname, { allowPrivate: ctx.deps.config.webhooks.allowPrivate, timeoutMs: 5_000 });
  } catch (e) {
    if (e instanceof TargetNotAllowed) throw InvalidField('url', 'validation.webhook_private');
    throw InvalidField('url', 'validation.webhook_host');
  }
}
