import { and, eq, isNull } from 'drizzle-orm';
import { users, workspaces } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { t, type Locale } from '../../platform/i18n';
import { readSettings } from '../settings';
import { systemCtx, senderFor } from '../mail';
import { RESET_TTL_MINUTES, resetSealer, type ResetJob } from './forgot-password';

/**
 * Worker side of a reset: composes the mail in the person's language and sends it through the
 * workspace's system mail account (F3), or the platform's when it has none.
 */
export function sendResetMail(deps: AppDeps) {
  return async (job: ResetJob) => {
    const db = deps.database.db;
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, job.workspaceId), eq(users.id, job.userId), isNull(users.deletedAt)));
    if (!user?.email) return; // the account went away meanwhile: nothing to send
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, job.workspaceId));
    const settings = await readSettings(db, job.workspaceId);
    const token = resetSealer(deps.config.secretKey).open(job.sealedToken);
    const locale: Locale = user.locale === 'en' ? 'en' : 'fa';
    const link = `${deps.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}&workspace=${encodeURIComponent(ws.slug)}`;
    const params = { name: user.name || user.username, title: settings.title, link, minutes: RESET_TTL_MINUTES };
    const sender = await senderFor(systemCtx(deps, job.workspaceId, 'job:password-reset'), null);
    try {
      await sender.mailer.send({
        from: sender.from,
        to: user.email,
        subject: t(locale, 'mail.reset.subject', params),
        text: t(locale, 'mail.reset.body', params),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } finally {
      sender.mailer.close?.();
    }
  };
}
