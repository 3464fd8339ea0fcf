import { mailableAdmins } from '../people';
import { eq } from 'drizzle-orm';
import { creditAccounts } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { t, type Locale } from '../../platform/i18n';
import { senderFor, systemCtx } from '../mail';
import { getSettings } from '../settings';
import { isLow } from './credit.repo';
import type { LowCreditJob } from './low-balance';
import { siteOf } from '../workspaces';

/**
 * Worker side of the low-credit warning: mails each active admin of the workspace with an
 * address, in their language, through the workspace's system mail account (or the platform's).
 * Nothing goes out when the credit rose again (or charging went off) before the job ran.
 * A failure for one admin is retried by pg-boss after the others were tried, so a retry may
 * mail an admin twice; the warning itself is queued once per fall (low-balance.ts).
 */
export const sendLowCreditMail = (deps: AppDeps) => async (data: LowCreditJob) => {
  const ctx = systemCtx(deps, Number(data.workspaceId), 'job:low-credit');
  const [account] = await ctx.db.select().from(creditAccounts).where(eq(creditAccounts.workspaceId, ctx.workspaceId));
  if (!account || !isLow(account) || !account.lowNotifiedAt) return;
  const admins = await mailableAdmins(ctx);
  if (!admins.length) return;
  const title = (await getSettings(ctx)).title;
  const site = await siteOf(ctx);
  const sender = await senderFor(ctx, null);
  const failures: unknown[] = [];
  try {
    for (const admin of admins) {
      const locale: Locale = admin.locale === 'en' ? 'en' : 'fa';
      const params = {
        name: admin.name || admin.username,
        title,
        balance: account.balance,
        threshold: account.lowBalance,
        price: account.pricePerSms,
        link: `${site}/admin`,
      };
      try {
        await sender.mailer.send({
          from: sender.from,
          to: admin.email!,
          subject: t(locale, 'mail.low_credit.subject', params),
          text: t(locale, 'mail.low_credit.body', params),
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (e) {
        failures.push(e);
      }
    }
  } finally {
    sender.mailer.close?.();
  }
  if (failures.length) throw failures[0];
};
