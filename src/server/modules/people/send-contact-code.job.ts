import { and, eq, isNull } from 'drizzle-orm';
import { users } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { t, type Locale } from '../../platform/i18n';
import { readSettings } from '../settings';
import { senderFor, systemCtx } from '../mail';
import { CONTACT_CODE_TTL_MINUTES, contactSealer, type ContactMailJob } from './contact-change';

/**
 * Worker side of an e-mail change: mails the code to the new address (not the account's
 * current one) in the person's language, through the workspace's system mail account (F3).
 */
export function sendContactCode(deps: AppDeps) {
  return async (job: ContactMailJob) => {
    const db = deps.database.db;
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, job.workspaceId), eq(users.id, job.userId), isNull(users.deletedAt)));
    if (!user) return; // the account went away meanwhile: nothing to send
    const settings = await readSettings(db, job.workspaceId);
    const code = contactSealer(deps.config.secretKey).open(job.sealedCode);
    const locale: Locale = user.locale === 'en' ? 'en' : 'fa';
    const params = { name: user.name || user.username, title: settings.title, code, minutes: CONTACT_CODE_TTL_MINUTES };
    const sender = await senderFor(systemCtx(deps, job.workspaceId, 'job:contact-code'), null);
    try {
      await sender.mailer.send({
        from: sender.from,
        to: job.to,
        subject: t(locale, 'mail.contact_code.subject', params),
        text: t(locale, 'mail.contact_code.body', params),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } finally {
      sender.mailer.close?.();
    }
  };
}
