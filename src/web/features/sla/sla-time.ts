import type { TTicketSla } from '../../../contracts/sla';

/** A ticket's SLA as the API gives it (E3): null when no policy applies. */
export type TicketSla = NonNullable<TTicketSla>;
export type SlaTarget = 'firstResponse' | 'nextResponse' | 'resolution';
export const SLA_TARGET_KEYS: SlaTarget[] = ['firstResponse', 'nextResponse', 'resolution'];

/** How the chip looks: the server's state, except that a due time already passed shows as breached. */
export type SlaTone = 'ok' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';

type T = (key: string, vars?: Record<string, unknown>) => string;
type Num = (n: number) => string;

/** Whole hours and the minutes left over ("" parts stay empty): 510 → { h: 8, m: 30 }. */
export function splitMinutes(total: number): { h: number; m: number } {
  const n = Math.max(0, Math.round(total));
  return { h: Math.floor(n / 60), m: n % 60 };
}

/**
 * Hours and minutes as typed (Latin digits, '' when empty) as minutes; null when both are empty,
 * so that a target left blank is not sent.
 */
export function joinMinutes(h: string, m: string): number | null {
  if (!h.trim() && !m.trim()) return null;
  return (Number(h) || 0) * 60 + (Number(m) || 0);
}

/** A length of working time in hours and minutes ("8 h 30 min"); working time never counts days. */
export function workingSpan(minutes: number, t: T, n: Num): string {
  const { h, m } = splitMinutes(minutes);
  if (h && m) return t('sla.span.hoursMinutes', { h: n(h), m: n(m) });
  if (h) return t('sla.span.hours', { h: n(h) });
  return t('sla.span.minutes', { m: n(m) });
}

/** A length of clock time for a countdown: days and hours past a day, hours and minutes under it. */
export function clockSpan(minutes: number, t: T, n: Num): string {
  const total = Math.max(1, Math.round(minutes));
  if (total >= 24 * 60) {
    const d = Math.floor(total / (24 * 60));
    const h = Math.floor((total % (24 * 60)) / 60);
    return h ? t('sla.span.daysHours', { d: n(d), h: n(h) }) : t('sla.span.days', { d: n(d) });
  }
  return workingSpan(total, t, n);
}

/**
 * Minutes from `now` to the due time: positive while there is time left (rounded up, so the last
 * seconds still read "1 min left"), negative once it has passed (rounded down to whole minutes
 * overdue, at least one). Null without a due time.
 */
export function minutesLeft(nextDue: string | null, now: number): number | null {
  if (!nextDue) return null;
  const ms = new Date(nextDue).getTime() - now;
  if (Number.isNaN(ms)) return null;
  return ms > 0 ? Math.ceil(ms / 60_000) : -Math.max(1, Math.floor(-ms / 60_000));
}

/** The chip's tone at `now` (a due time that passed before the server's timer ran reads as breached). */
export function slaTone(sla: TicketSla, now: number): SlaTone {
  if (sla.state === 'met') return sla.breached.length ? 'missed' : 'met';
  if (sla.state === 'paused' || sla.state === 'breached') return sla.state;
  const left = minutesLeft(sla.nextDue, now);
  if (left !== null && left < 0) return 'breached';
  return sla.state;
}

/** The chip's words: "2 h 15 min left", "overdue by 5 min", "paused", "met". */
export function slaLabel(sla: TicketSla, now: number, t: T, n: Num): string {
  const tone = slaTone(sla, now);
  if (tone === 'paused') return t('sla.chip.paused');
  if (tone === 'met') return t('sla.chip.met');
  if (tone === 'missed') return t('sla.chip.missed');
  const left = minutesLeft(sla.nextDue, now);
  if (left === null) return t(`sla.state.${sla.state}`);
  return left > 0
    ? t('sla.chip.left', { span: clockSpan(left, t, n) })
    : t('sla.chip.overdue', { span: clockSpan(-left, t, n) });
}

/** Each target's due time (null when it is not running) and whether it was missed. */
export function slaDueRows(sla: TicketSla): Array<{ target: SlaTarget; due: string | null; breached: boolean }> {
  const due: Record<SlaTarget, string | null> = {
    firstResponse: sla.firstResponseDue,
    nextResponse: sla.nextResponseDue,
    resolution: sla.resolutionDue,
  };
  return SLA_TARGET_KEYS.map((target) => ({ target, due: due[target], breached: sla.breached.includes(target) }));
}
