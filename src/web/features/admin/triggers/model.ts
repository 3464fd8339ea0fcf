import type { BodyOf, ItemOf } from '../../../app/api';
import type { TConditionField, TTriggerEvent, TTriggerOp } from '../../../../contracts/triggers';

/** A trigger as the API gives it (K7), what a create takes, and one run of its log. */
export type Trigger = ItemOf<'listTriggers'>;
export type TriggerBody = BodyOf<'createTrigger'>;
export type TriggerRun = ItemOf<'listTriggerRuns'>;

/** The placeholders a note may hold (filled in by the server), for the note's hint. */
export const PLACEHOLDERS = { a: '{{ticket.number}}', b: '{{ticket.subject}}', c: '{{requester.name}}' };

/** A translation key's part for an event or a field (their names hold dots, which i18n keys cannot). */
export const keyOf = (name: string) => name.replace('.', '_');

export const TRIGGERS_KEY = ['admin', 'triggers'] as const;

export const EVENTS: TTriggerEvent[] = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'sla.warning',
  'sla.breached',
];

/** What a condition's value is picked from. */
export type ValueKind =
  | 'status'
  | 'priority'
  | 'department'
  | 'type'
  | 'tag'
  | 'agent'
  | 'role'
  | 'text'
  | 'messageKind'
  | 'author'
  | 'none'
  | 'empty';

/**
 * The operators each field takes and the kind of value each needs, as the server checks them
 * (src/contracts/triggers.ts CONDITION_RULES; the contract's zod stays out of the browser).
 * `in` takes a list of that kind.
 */
export const FIELDS: Record<TConditionField, Partial<Record<TTriggerOp, ValueKind>>> = {
  status: { is: 'status', is_not: 'status', in: 'status', changed: 'none', changed_to: 'status' },
  priority: { is: 'priority', is_not: 'priority', in: 'priority', changed: 'none', changed_to: 'priority' },
  departmentId: {
    is: 'department',
    is_not: 'department',
    in: 'department',
    changed: 'none',
    changed_to: 'department',
  },
  typeId: { is: 'type', is_not: 'type', in: 'type' },
  tagIds: { contains: 'tag', not_contains: 'tag' },
  assigneeIds: {
    is: 'empty',
    is_not: 'empty',
    contains: 'agent',
    not_contains: 'agent',
    changed: 'none',
    changed_to: 'agent',
  },
  requesterRole: { is: 'role', is_not: 'role', in: 'role' },
  subject: { contains: 'text', not_contains: 'text' },
  'message.kind': { is: 'messageKind', is_not: 'messageKind' },
  'message.author': { is: 'author', is_not: 'author', in: 'author' },
};
export const FIELD_NAMES = Object.keys(FIELDS) as TConditionField[];
export const MESSAGE_FIELDS: TConditionField[] = ['message.kind', 'message.author'];

export const ACTION_KINDS = [
  'set_status',
  'set_priority',
  'set_department',
  'set_assignee',
  'add_tag',
  'remove_tag',
  'add_note',
  'notify',
  'call_webhook',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The editor's rows: values as strings ('' when not chosen yet), lists for `in` and notify. */
export interface ConditionDraft {
  key: number;
  field: TConditionField;
  op: TTriggerOp;
  value: string;
  values: string[];
}
export interface ActionDraft {
  key: number;
  kind: ActionKind;
  value: string;
  userIds: string[];
  departmentIds: string[];
}
export interface Draft {
  name: string;
  event: TTriggerEvent;
  active: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

let nextKey = 1;
const key = () => nextKey++;

export const newCondition = (field: TConditionField = 'status'): ConditionDraft => ({
  key: key(),
  field,
  op: Object.keys(FIELDS[field])[0] as TTriggerOp,
  value: '',
  values: [],
});
export const newAction = (kind: ActionKind = 'set_priority'): ActionDraft => ({
  key: key(),
  kind,
  value: '',
  userIds: [],
  departmentIds: [],
});

/** The action's one value, by kind (notify has lists instead). */
const VALUE_OF: Record<ActionKind, string | null> = {
  set_status: 'status',
  set_priority: 'priority',
  set_department: 'departmentId',
  set_assignee: 'assigneeId',
  add_tag: 'tagId',
  remove_tag: 'tagId',
  add_note: 'text',
  notify: null,
  call_webhook: 'webhookId',
};
export const actionValueField = (kind: ActionKind) => VALUE_OF[kind];

export function toDraft(tr: Trigger | null): Draft {
  return {
    name: tr?.name ?? '',
    event: tr?.event ?? 'ticket.created',
    active: tr?.active ?? true,
    conditions: (tr?.conditions ?? []).map((c) => ({
      key: key(),
      field: c.field,
      op: c.op,
      value: Array.isArray(c.value) || c.value === undefined || c.value === null ? '' : String(c.value),
      values: Array.isArray(c.value) ? c.value.map(String) : [],
    })),
    actions: (tr?.actions ?? []).map((a) => {
      const kind = a.kind as ActionKind;
      const field = VALUE_OF[kind];
      return {
        key: key(),
        kind,
        value: field ? String(a[field] ?? '') : '',
        userIds: ((a.userIds as string[] | undefined) ?? []).map(String),
        departmentIds: ((a.departmentIds as string[] | undefined) ?? []).map(String),
      };
    }),
  };
}

/** What the server takes: a value by the operator's kind (none for `changed`, "empty", a list for `in`). */
export function toBody(d: Draft, position?: number): TriggerBody {
  return {
    name: d.name,
    event: d.event,
    active: d.active,
    ...(position !== undefined ? { position } : {}),
    conditions: d.conditions.map((c) => {
      const kind = FIELDS[c.field][c.op];
      if (kind === 'none') return { field: c.field, op: c.op };
      if (kind === 'empty') return { field: c.field, op: c.op, value: 'empty' };
      if (c.op === 'in') return { field: c.field, op: c.op, value: c.values };
      if (kind === 'type' && c.value === '') return { field: c.field, op: c.op, value: null };
      return { field: c.field, op: c.op, value: c.value };
    }),
    actions: d.actions.map((a) => {
      if (a.kind === 'notify') return { kind: a.kind, userIds: a.userIds, departmentIds: a.departmentIds };
      return { kind: a.kind, [VALUE_OF[a.kind]!]: a.value } as TriggerBody['actions'][number];
    }),
  } as TriggerBody;
}

/** A comparable form of a draft (the discard guard), without the rows' keys. */
export const draftSig = (d: Draft) =>
  JSON.stringify({
    ...d,
    conditions: d.conditions.map(({ key: _k, ...c }) => c),
    actions: d.actions.map(({ key: _k, ...a }) => a),
  });
