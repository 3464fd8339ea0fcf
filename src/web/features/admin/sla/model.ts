import type { BodyOf, ItemOf } from '../../../app/api';
import type { Priority } from '../../../ui/ticket-bits';
import { joinMinutes, splitMinutes, type SlaTarget } from '../../sla/sla-time';

/** An SLA policy as the API gives it (E3), and what a create takes. */
export type SlaPolicy = ItemOf<'listSlaPolicies'>;
export type SlaPolicyBody = BodyOf<'createSlaPolicy'>;

export const SLA_POLICIES_KEY = ['admin', 'sla-policies'] as const;

/** Hours and minutes as typed, in Latin digits ('' when empty). */
export interface Span {
  h: string;
  m: string;
}

/** The editor's form: ids as strings, '' for "none"; times as hours and minutes of working time. */
export interface Draft {
  name: string;
  position: string;
  calendarId: string;
  departmentIds: string[];
  priorities: Priority[];
  requestTypeIds: string[];
  typeIds: string[];
  targets: Record<SlaTarget, Span>;
  warnBefore: Span;
  pauseWhilePending: boolean;
  transferToDepartmentId: string;
  assignToId: string;
  raisePriority: boolean;
  notify: string[];
}

const span = (minutes: number | null | undefined): Span => {
  if (minutes === null || minutes === undefined) return { h: '', m: '' };
  const { h, m } = splitMinutes(minutes);
  return { h: String(h), m: String(m) };
};

/** A policy (or a new one, placed after `nextPosition - 1`) as the form shows it. */
export function toDraft(p: SlaPolicy | null, nextPosition = 0): Draft {
  return {
    name: p?.name ?? '',
    position: String(p?.position ?? nextPosition),
    calendarId: p?.calendarId ?? '',
    departmentIds: p?.conditions.departmentIds ?? [],
    priorities: p?.conditions.priorities ?? [],
    requestTypeIds: p?.conditions.requestTypeIds ?? [],
    typeIds: p?.conditions.typeIds ?? [],
    targets: {
      firstResponse: span(p ? p.targets.firstResponse : 60),
      nextResponse: span(p?.targets.nextResponse),
      resolution: span(p ? p.targets.resolution : 8 * 60),
    },
    warnBefore: span(p?.warnBefore ?? 30),
    pauseWhilePending: p?.pauseWhilePending ?? true,
    transferToDepartmentId: p?.onBreach.transferToDepartmentId ?? '',
    assignToId: p?.onBreach.assignToId ?? '',
    raisePriority: p?.onBreach.raisePriority ?? false,
    notify: p?.onBreach.notify ?? [],
  };
}

/**
 * The form as the API takes it — every field, for a change as for a new policy, so that a
 * change never leaves a field to the server's defaults. Empty conditions are left out (an empty
 * condition holds for every ticket); a blank target is null.
 */
export function toBody(d: Draft): SlaPolicyBody {
  const conditions: SlaPolicyBody['conditions'] = {};
  if (d.departmentIds.length) conditions.departmentIds = d.departmentIds;
  if (d.priorities.length) conditions.priorities = d.priorities;
  if (d.requestTypeIds.length) conditions.requestTypeIds = d.requestTypeIds;
  if (d.typeIds.length) conditions.typeIds = d.typeIds;
  const minutes = (s: Span) => joinMinutes(s.h, s.m);
  return {
    name: d.name.trim(),
    position: Number(d.position) || 0,
    conditions,
    calendarId: d.calendarId || null,
    targets: {
      firstResponse: minutes(d.targets.firstResponse),
      nextResponse: minutes(d.targets.nextResponse),
      resolution: minutes(d.targets.resolution),
    },
    warnBefore: minutes(d.warnBefore) ?? 0,
    pauseWhilePending: d.pauseWhilePending,
    onBreach: {
      transferToDepartmentId: d.transferToDepartmentId || null,
      assignToId: d.assignToId || null,
      raisePriority: d.raisePriority,
      notify: d.notify,
    },
  };
}

/** A draft as it would be saved, to tell whether anything changed. */
export const draftSig = (d: Draft) => JSON.stringify(toBody(d));

/** The server's message for a field or anything under it ("onBreach.notify" for "onBreach.notify.1"). */
export function messageUnder(fields: Record<string, string>, path: string): string | undefined {
  if (fields[path]) return fields[path];
  const key = Object.keys(fields).find((k) => k.startsWith(`${path}.`));
  return key ? fields[key] : undefined;
}

/** The paths the editor shows next to a field; anything else goes to the form's alert. */
export const SHOWN_PATHS = [
  'name',
  'position',
  'calendarId',
  'conditions.departmentIds',
  'conditions.priorities',
  'conditions.requestTypeIds',
  'conditions.typeIds',
  'targets',
  'targets.firstResponse',
  'targets.nextResponse',
  'targets.resolution',
  'warnBefore',
  'pauseWhilePending',
  'onBreach.transferToDepartmentId',
  'onBreach.assignToId',
  'onBreach.raisePriority',
  'onBreach.notify',
];

/** Every field error the editor shows in place (so FormError lists only the others). */
export const shownKeys = (fields: Record<string, string>) =>
  Object.keys(fields).filter((k) => SHOWN_PATHS.some((p) => k === p || k.startsWith(`${p}.`)));
