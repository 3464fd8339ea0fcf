import type { TOnBreach, TSlaConditions, TSlaTarget, TSlaTargets } from '../../../contracts/sla';
import { addWorkingMinutes, workingMinutesBetween, type WorkCalendar } from '../calendars';

/** A policy as the arithmetic needs it. */
export interface SlaPolicyRule {
  id: number;
  conditions: TSlaConditions;
  targets: TSlaTargets;
  warnBefore: number;
  pauseWhilePending: boolean;
  calendar: WorkCalendar;
  /** What a breach does (check-sla.ts); not part of the arithmetic. */
  onBreach?: TOnBreach;
}

/** What of a ticket decides its SLA. */
export interface SlaTicket {
  status: 'active' | 'pending' | 'closed' | 'locked';
  departmentId: number;
  priority: string;
  typeId: number | null;
  requestTypeId: number | null;
  createdAt: Date;
  lastAgentReplyAt: Date | null;
  waitingSince: Date | null;
  slaPolicyId: number | null;
  slaPausedAt: Date | null;
  slaPausedMinutes: number;
  slaBreached: string[];
}

/** The SLA columns of a ticket. */
export interface SlaFields {
  slaPolicyId: number | null;
  slaFirstResponseDue: Date | null;
  slaNextResponseDue: Date | null;
  slaResolutionDue: Date | null;
  slaNextDue: Date | null;
  slaWarnAt: Date | null;
  slaPausedAt: Date | null;
  slaPausedMinutes: number;
  slaBreached: string[];
  /** 'ok' | 'warning' | 'breached' | 'paused' | 'met'; null without a policy. */
  slaState: string | null;
}

const has = (list: string[] | undefined, v: string | number | null) =>
  !list?.length || (v !== null && list.includes(String(v)));

/** The first policy by position whose every condition holds (an empty condition holds for all). */
export function matchPolicy<P extends Pick<SlaPolicyRule, 'conditions'>>(policies: P[], t: SlaTicket): P | undefined {
  return policies.find(
    (p) =>
      has(p.conditions.departmentIds, t.departmentId) &&
      has(p.conditions.priorities, t.priority) &&
      has(p.conditions.requestTypeIds, t.requestTypeId) &&
      has(p.conditions.typeIds, t.typeId),
  );
}

const NONE: SlaFields = {
  slaPolicyId: null,
  slaFirstResponseDue: null,
  slaNextResponseDue: null,
  slaResolutionDue: null,
  slaNextDue: null,
  slaWarnAt: null,
  slaPausedAt: null,
  slaPausedMinutes: 0,
  slaBreached: [],
  slaState: null,
};

/**
 * E3: a ticket's SLA at `now` under `policy` (already chosen), from the ticket's own clocks, so
 * that the same inputs always give the same due times whoever computes them:
 * - first response runs from creation until the first agent reply; resolution from creation
 *   until it closes; both on working minutes, plus the working minutes spent paused;
 * - next response runs from when the requester started waiting again (`waitingSince`, after an
 *   agent had answered) until the next agent reply;
 * - pending pauses the clocks when the policy says so: no due times while paused; on leaving
 *   pending the paused working minutes are added (`slaPausedMinutes`);
 * - the warning comes `warnBefore` working minutes before each due time.
 * State: breached once any target was missed (recorded by the timer job) or a due time has
 * passed; paused; warning once a warning instant has passed; ok; met when closed.
 */
export function computeSla(t: SlaTicket, policy: SlaPolicyRule | undefined, now: Date): SlaFields {
  if (!policy) return NONE;
  const cal = policy.calendar;
  const samePolicy = t.slaPolicyId === policy.id;
  let pausedAt = samePolicy ? t.slaPausedAt : null;
  let pausedMinutes = samePolicy ? t.slaPausedMinutes : 0;
  const breached = samePolicy ? t.slaBreached : [];
  const paused = policy.pauseWhilePending && t.status === 'pending';
  if (paused && !pausedAt) pausedAt = now;
  if (!paused && pausedAt) {
    pausedMinutes += workingBetween(cal, pausedAt, now);
    pausedAt = null;
  }
  const open = t.status === 'active' || t.status === 'pending';
  const running: { target: TSlaTarget; due: Date; warn: Date }[] = [];
  const clock = (target: TSlaTarget, start: Date, extra: number) => {
    const minutes = policy.targets[target];
    if (!minutes) return null;
    const due = addWorkingMinutes(cal, start, minutes + extra);
    const warn = addWorkingMinutes(cal, start, Math.max(0, minutes + extra - policy.warnBefore));
    running.push({ target, due, warn });
    return due;
  };
  const live = open && !paused;
  const first = live && !t.lastAgentReplyAt ? clock('firstResponse', t.createdAt, pausedMinutes) : null;
  const waitingAgain =
    live && t.status === 'active' && t.lastAgentReplyAt && t.waitingSince && t.waitingSince > t.lastAgentReplyAt;
  const next = waitingAgain ? clock('nextResponse', t.waitingSince!, 0) : null;
  const resolution = live ? clock('resolution', t.createdAt, pausedMinutes) : null;
  // The instants still ahead of the timers: a target already missed waits for nothing more.
  const pending = running.filter((r) => !breached.includes(r.target));
  const nextDue = minDate(pending.map((r) => r.due));
  const warnAt = minDate(pending.map((r) => r.warn));
  let state: 'ok' | 'warning' | 'breached' | 'paused' | 'met';
  if (!open) state = 'met';
  else if (breached.length || (nextDue && nextDue <= now)) state = 'breached';
  else if (paused) state = 'paused';
  else if (warnAt && warnAt <= now) state = 'warning';
  else state = 'ok';
  return {
    slaPolicyId: policy.id,
    slaFirstResponseDue: first,
    slaNextResponseDue: next,
    slaResolutionDue: resolution,
    slaNextDue: nextDue,
    slaWarnAt: warnAt,
    slaPausedAt: paused ? pausedAt : null,
    slaPausedMinutes: pausedMinutes,
    slaBreached: breached,
    slaState: state,
  };
}

/** The running targets whose due time has passed and that are not recorded yet. */
export function newlyBreached(f: SlaFields, now: Date): TSlaTarget[] {
  const out: TSlaTarget[] = [];
  const check = (target: TSlaTarget, due: Date | null) => {
    if (due && due <= now && !f.slaBreached.includes(target)) out.push(target);
  };
  check('firstResponse', f.slaFirstResponseDue);
  check('nextResponse', f.slaNextResponseDue);
  check('resolution', f.slaResolutionDue);
  return out;
}

function minDate(list: Date[]): Date | null {
  let min: Date | null = null;
  for (const d of list) if (!min || d < min) min = d;
  return min;
}

/** Working minutes between two instants (whole minutes, never negative). */
function workingBetween(cal: WorkCalendar, from: Date, to: Date): number {
  return to > from ? Math.floor(workingMinutesBetween(cal, from, to)) : 0;
}
