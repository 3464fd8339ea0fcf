import type { TPlatformSettings } from '../../../contracts/cloud';
import { t, type Locale } from '../../platform/i18n';
import { DAY_MS } from './subscription-quote';

/**
 * The reminders of one end date, in order: `<n>d` for each of the platform's `reminderDays`
 * before it, `ended` at it (the grace begins), `expired` when the grace is over (read-only).
 */
export type ReminderStage = `${number}d` | 'ended' | 'expired';

type Timing = Pick<TPlatformSettings, 'reminderDays' | 'graceDays'>;

/** When `stage` of `endsAt` is due; a stage of settings since changed still has its time. */
export function stageAt(stage: string | null, endsAt: Date, s: Timing): number {
  const end = endsAt.getTime();
  if (stage === 'ended') return end;
  if (stage === 'expired') return end + s.graceDays * DAY_MS;
  const days = stage ? /^(\d+)d$/.exec(stage) : null;
  return days ? end - Number(days[1]) * DAY_MS : -Infinity;
}

/** The stages of the current settings, earliest first. */
export function stagesOf(s: Timing): ReminderStage[] {
  const before = [...new Set(s.reminderDays)].sort((a, b) => b - a).map((d) => `${d}d` as const);
  return [...before, 'ended', 'expired'];
}

/**
 * The stage to send now, or null: the latest one due, unless it (or a later one) was already
 * sent for this end date. Stages missed while no job ran are not sent late: only the latest
 * says what is true now. A new end date (a payment) starts the stages again.
 */
export function dueStage(
  sub: { endsAt: Date; remindedStage: string | null; remindedFor: Date | null },
  s: Timing,
  now: Date,
): ReminderStage | null {
  const due = stagesOf(s)
    .filter((stage) => stageAt(stage, sub.endsAt, s) <= now.getTime())
    .at(-1);
  if (!due) return null;
  const sameEnd = sub.remindedFor?.getTime() === sub.endsAt.getTime();
  if (sameEnd && stageAt(sub.remindedStage, sub.endsAt, s) >= stageAt(due, sub.endsAt, s)) return null;
  return due;
}

/** What the SMS and the e-mail say: before the end, at the end, after the grace. */
export const stageKind = (stage: ReminderStage) =>
  stage === 'ended' ? 'ended' : stage === 'expired' ? 'expired' : 'ending';

export interface ReminderFacts {
  title: string;
  plan: string;
  endsAt: Date;
  graceEndsAt: Date;
  link: string;
  timeZone: string;
}

/** A date as the workspace reads it: the Persian calendar in Persian, in its time zone. */
export function formatDay(locale: Locale, at: Date, timeZone: string): string {
  const tag = locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'Asia/Tehran' }).format(at);
  }
}

/** The texts' parameters; `days` are whole days left, rounded up (one day before: 1). */
export function reminderParams(locale: Locale, f: ReminderFacts, now: Date) {
  return {
    title: f.title,
    plan: f.plan,
    days: Math.max(1, Math.ceil((f.endsAt.getTime() - now.getTime()) / DAY_MS)),
    date: formatDay(locale, f.endsAt, f.timeZone),
    graceDate: formatDay(locale, f.graceEndsAt, f.timeZone),
    link: f.link,
  };
}

export const reminderSms = (locale: Locale, stage: ReminderStage, params: ReturnType<typeof reminderParams>) =>
  t(locale, `sms.subscription_${stageKind(stage)}`, params);
