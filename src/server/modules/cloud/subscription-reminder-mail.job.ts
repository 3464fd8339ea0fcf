import { mailableAdmins } from '../people';
import { eq } from 'drizzle-orm';
import { workspaces } from '../../../db/schema';
import type { AppDeps } from '../../platform/context';
import { t } from '../../platform/i18n';
import { senderFor, systemCtx } from '../mail';
import { getSettings } from '../settings';
import { workspaceUrl } from '../workspaces';
import { getPlatformSettings } from './platform-settings';
import { reminderParams, stageKind } from './reminder-stages';
import type { ReminderMailJob } from './subscription-reminders.job';
import { graceEndsAt } from './subscription-state';
import { getSubscriptionRow } from './subscription.repo';

/**
 * Worker side of a subscription reminder's e-mail: each active admin of the workspace with an
 * address, in the workspace's language, through its system mail account (or the platform's),
 * as the low-credit warning goes. Nothing goes out when the plan was renewed (its end date moved)
 * or a later stage was reached before the job ran. A failure for one admin is retried by pg-boss after the others were tried,
 * so a retry may mail an admin twice; the reminder itself was queued once.
 */
export const sendReminderMail = (deps: AppDeps) => async (data: ReminderMailJob) => {
  const ctx = systemCtx(deps, Number(data.workspaceId), 'job:subscription-reminder-mail');
  const sub = await getSubscriptionRow(ctx.db, ctx.workspaceId);
  // Renewed since (the end moved), or a later stage took over while this waited: no longer true.
  if (!sub || sub.endsAt.toISOString() !== data.endsAt || sub.remindedStage !== data.stage) return;
  const admins = await mailableAdmins(ctx);
  if (!admins.length) return;
  const [ws] = await ctx.db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const settings = await getSettings(ctx);
  const platform = await getPlatformSettings(ctx.db);
  const locale = data.locale === 'en' ? 'en' : 'fa';
  const params = reminderParams(
    locale,
    {
      title: settings.title,
      plan: locale === 'en' && sub.plan.nameEn ? sub.plan.nameEn : sub.plan.name,
      endsAt: sub.endsAt,
      graceEndsAt: graceEndsAt(sub.endsAt, platform),
      link: `${workspaceUrl(deps.config, ws?.slug ?? '')}/admin/billing`,
      timeZone: settings.timeZone,
    },
    deps.clock.now(),
  );
  const kind = stageKind(data.stage);
  const sender = await senderFor(ctx, null);
  const failures: unknown[] = [];
  try {
    for (const admin of admins) {
      try {
        await sender.mailer.send({
          from: sender.from,
          to: admin.email!,
          subject: t(locale, `mail.subscription_${kind}.subject`, params),
          text: t(locale, `mail.subscription_${kind}.body`, { ...params, name: admin.name || admin.username }),
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
