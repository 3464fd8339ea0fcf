import { normalizeText } from '../../../contracts/text';
import type { TConditionField, TTriggerCondition } from '../../../contracts/triggers';
import type { TicketRow } from '../tickets';

/** What a run knows of the event that started it (the job's data). */
export interface EventFacts {
  /** ticket.updated: what moved, as the tickets module announced it. */
  changes?: {
    status?: { from: string; to: string };
    priority?: { from: string; to: string };
    assigned?: number[];
    transferredTo?: number;
  };
  /** message.created: the message's kind and whose side wrote it. */
  message?: { kind: 'reply' | 'note'; author: string };
}

/** The ticket as it is now, with its requester's role, and the event. */
export interface ConditionFacts {
  ticket: Pick<TicketRow, 'status' | 'priority' | 'departmentId' | 'typeId' | 'tagIds' | 'assigneeIds' | 'subject'>;
  /** customer | agent | admin, or guest (no account). */
  requesterRole: string;
  event: EventFacts;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The field's current value, as the conditions compare it (ids as strings). */
function current(field: TConditionField, f: ConditionFacts): unknown {
  const t = f.ticket;
  switch (field) {
    case 'status':
      return t.status;
    case 'priority':
      return t.priority;
    case 'departmentId':
      return str(t.departmentId);
    case 'typeId':
      return str(t.typeId);
    case 'tagIds':
      return t.tagIds.map(String);
    case 'assigneeIds':
      return t.assigneeIds.map(String);
    case 'requesterRole':
      return f.requesterRole;
    case 'subject':
      return t.subject;
    case 'message.kind':
      return f.event.message?.kind ?? null;
    case 'message.author':
      return f.event.message?.author ?? null;
  }
}

/** What the event changed of the field: `to` is the new value (or the people newly assigned). */
function changeOf(field: TConditionField, e: EventFacts): { to: string[] } | null {
  const c = e.changes;
  if (!c) return null;
  if (field === 'status' && c.status) return { to: [c.status.to] };
  if (field === 'priority' && c.priority) return { to: [c.priority.to] };
  if (field === 'departmentId' && c.transferredTo) return { to: [String(c.transferredTo)] };
  if (field === 'assigneeIds' && c.assigned?.length) return { to: c.assigned.map(String) };
  return null;
}

/** One condition against the facts. A message field on another event never holds. */
export function holds(c: TTriggerCondition, f: ConditionFacts): boolean {
  const now = current(c.field, f);
  if (now === null && (c.field === 'message.kind' || c.field === 'message.author')) return false;
  switch (c.op) {
    case 'is':
      if (c.field === 'assigneeIds') return (now as string[]).length === 0;
      return now === str(c.value);
    case 'is_not':
      if (c.field === 'assigneeIds') return (now as string[]).length > 0;
      return now !== str(c.value);
    case 'in':
      return (c.value as unknown[]).map(String).includes(String(now));
    case 'contains':
    case 'not_contains': {
      const has = Array.isArray(now)
        ? now.includes(String(c.value))
        : normalizeText(String(now)).includes(normalizeText(String(c.value)));
      return c.op === 'contains' ? has : !has;
    }
    case 'changed':
      return changeOf(c.field, f.event) !== null;
    case 'changed_to':
      return changeOf(c.field, f.event)?.to.includes(String(c.value)) ?? false;
  }
}

/** Every condition holds (no conditions: always). */
export const allHold = (conditions: TTriggerCondition[], f: ConditionFacts) => conditions.every((c) => holds(c, f));
