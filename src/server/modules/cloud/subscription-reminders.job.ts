import { and, asc, eq, gt, isNull, lte, ne, or } from 'drizzle-orm';
import { plans, subscriptions, workspaces } from '../../../db/schema';
import { withTx, type AppDeps } from '../../platform/context';
import { jobCtx } from '../../platform/job-ctx';
import type { Locale } from '../../platform/i18n';
import { SMS_QUEUE, smsSealer, type SmsJob } from '../auth';
import { getSettings } from '../settings';
import { workspaceUrl } from '../workspaces';
import { getPlatformSettings } from './platform-settings';
import { dueStage, reminderParams, reminderSms, type ReminderStage } from './reminder-stages';
import { graceEndsAt } from './subscription-state';
import { DAY_MS } from './subscription-quote';

export const SUBSCRIPTION_REMINDERS_QUEUE = 'cloud.subscription-reminders';
export const REMINDER_MAIL_QUEUE = 'cloud.subscription-reminder-mail';

/** The e-mail half of one reminder, sent to the workspace's admins by its own job (retried). */
export interface ReminderMailJob {
  workspaceId: number;
  stage: ReminderStage;
  /** The end date the reminder is about (ISO): a renewal since makes the mail moot. */
  endsAt: string;
  locale: Locale;
}

/** How late an `expired` notice may still go out after a stop of the jobs; older ones are dropped. */
const LOOKBACK_DAYS = 7;
/** Subscriptions handled per run; the rest wait ten minutes. */
const BATCH = 500;

/**
 * Every 10 minutes (cloud mode): the subscriptions whose next reminder is due — before the end
 * (the platform's `reminderDays`), at the end (grace begins), at the end of the grace
 * (read-only). Only end dates inside [now − grace − a week, now + the longest reminder] are read,
 * through `subscriptions_ends_idx`, so a run never walks every workspace. Each stage goes once:
 * one conditional update moves `reminded_stage`/`reminded_for` from what was read to the stage
 * sent, and only the run that moved it queues the owner's SMS (the SMS outbox) and the admins'
 * e-mail (REMINDER_MAIL_QUEUE), in the same transaction. Suspended workspaces are not reminded.
 */
export const sendSubscriptionReminders = (deps: AppDeps) => async () => {
  if (!deps.config.cloud.enabled) return;
  const db = deps.database.db;
  const now = deps.clock.now();
  const platform = await getPlatformSettings(db);
  const ahead = Math.max(0, ...platform.reminderDays);
  const rows = await db
    .select({
      workspaceId: subscriptions.workspaceId,
      endsAt: subscriptions.endsAt,
      remindedStage: subscriptions.remindedStage,
      remindedFor: subscriptions.remindedFor,
      ownerMobile: subscriptions.ownerMobile,
      plan: plans.name,
      planEn: plans.nameEn,
      slug: workspaces.slug,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(workspaces, eq(workspaces.id, subscriptions.workspaceId))
    .where(
      and(
        gt(subscriptions.endsAt, new Date(now.getTime() - (platform.graceDays + LOOKBACK_DAYS) * DAY_MS)),
        lte(subscriptions.endsAt, new Date(now.getTime() + ahead * DAY_MS)),
        isNull(subscriptions.suspendedAt),
        // Nothing is left after `expired` of the same end date (a renewal makes a new one).
        or(
          isNull(subscriptions.remindedStage),
          ne(subscriptions.remindedStage, 'expired'),
          isNull(subscriptions.remindedFor),
          ne(subscriptions.remindedFor, subscriptions.endsAt),
        ),
      ),
    )
    .orderBy(asc(subscriptions.endsAt))
    .limit(BATCH);

  for (const row of rows) {
    const stage = dueStage(row, platform, now);
    if (!stage) continue;
    const ctx = jobCtx(deps, row.workspaceId, 'job:subscription-reminders');
    try {
      await withTx(ctx, async (tx) => {
        const [claimed] = await tx.db
          .update(subscriptions)
          .set({ remindedStage: stage, remindedFor: row.endsAt })
          .where(
            and(
              eq(subscriptions.workspaceId, row.workspaceId),
              eq(subscriptions.endsAt, row.endsAt),
              row.remindedStage === null
                ? isNull(subscriptions.remindedStage)
                : eq(subscriptions.remindedStage, row.remindedStage),
              row.remindedFor === null
                ? isNull(subscriptions.remindedFor)
                : eq(subscriptions.remindedFor, row.remindedFor),
            ),
          )
          .returning({ workspaceId: subscriptions.workspaceId });
        if (!claimed) return; // another run sent it, or the subscription changed since it was read
        const settings = await getSettings(tx);
        const locale: Locale = settings.defaultLocale === 'en' ? 'en' : 'fa';
        if (row.ownerMobile) {
          const params = reminderParams(
            locale,
            {
              title: settings.title,
              plan: locale === 'en' && row.planEn ? row.planEn : row.plan,
              endsAt: row.endsAt,
              graceEndsAt: graceEndsAt(row.endsAt, platform),
              link: `${workspaceUrl(deps.config, row.slug)}/admin/billing`,
              timeZone: settings.timeZone,
            },
            now,
          );
          const job: SmsJob = {
            workspaceId: row.workspaceId,
            to: row.ownerMobile,
            sealedText: smsSealer(deps.config.secretKey).seal(reminderSms(locale, stage, params)),
            event: 'subscription_reminder',
          };
          await tx.deps.jobs.send(SMS_QUEUE, job, { executor: tx.db });
        }
        const mail: ReminderMailJob = {
          workspaceId: row.workspaceId,
          stage,
          endsAt: row.endsAt.toISOString(),
          locale,
        };
        await tx.deps.jobs.send(REMINDER_MAIL_QUEUE, mail, { executor: tx.db });
      });
    } catch (e) {
      // One workspace's failure must not hold the others' reminders for ten minutes.
      deps.log.error({ workspaceId: row.workspaceId, stage, err: e }, 'subscription reminder not queued');
    }
  }
};
