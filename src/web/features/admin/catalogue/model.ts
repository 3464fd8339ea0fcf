import type {
  TAction,
  TDesk,
  TField,
  TFieldKind,
  TRequestType,
  TTransition,
  TWorkflowStatus,
} from '../../../../contracts/catalogue';

/**
 * The service catalogue's admin screens (E1–E5): a request type as the editor holds it (a
 * draft), how it becomes the API's body, and how the server's field errors find their place
 * again. Texts stay as typed (numbers as Latin-digit text) until they are sent.
 */

export type Desk = TDesk;
export type RequestType = TRequestType;
export type Priority = TRequestType['defaultPriority'];
export type StatusCategory = TWorkflowStatus['category'];
export type Who = TTransition['who'];
export type { TFieldKind };

export const DESKS_KEY = ['admin', 'desks'] as const;
export const requestTypesKey = (deskId: string) => ['admin', 'desks', deskId, 'request-types'] as const;
export const requestTypeKey = (id: string) => ['admin', 'request-types', id] as const;

export { FIELD_KINDS } from '../../../../contracts/field-kinds';

export const PRIORITIES: Priority[] = ['urgent', 'high', 'medium', 'low'];
export const STATUS_CATEGORIES: StatusCategory[] = ['open', 'pending', 'closed'];
export const WHO: Who[] = ['requester', 'agent', 'department'];

/** A key the way the contract takes it: a small Latin letter, then letters, digits, "_" and "-". */
export const isKey = (s: string) => /^[a-z][a-z0-9_-]{0,39}$/.test(s);

let lastUid = 0;
/** An id for an item of the draft, stable while it is edited (keys and ids can change). */
export const uid = () => `u${++lastUid}`;

export interface FieldDraft {
  uid: string;
  key: string;
  label: string;
  kind: TFieldKind;
  /** A select's options, one a line. */
  optionsText: string;
  required: boolean;
  help: string;
}

export interface StatusDraft {
  uid: string;
  key: string;
  name: string;
  customerLabel: string;
  category: StatusCategory;
}

export type ActionDraft =
  | { uid: string; kind: 'transfer'; departmentId: string; agentId: string }
  | { uid: string; kind: 'sms'; text: string }
  | { uid: string; kind: 'notify'; departmentId: string };
export type ActionKind = ActionDraft['kind'];
export const ACTION_KINDS: ActionKind[] = ['transfer', 'sms', 'notify'];

export interface TimerDraft {
  hours: string;
  minutes: string;
  /** '' for the calendar of the request's department (or the default one). */
  calendarId: string;
  /** The id of the transition taken when the time is up. */
  onExpiry: string;
}

export interface TransitionDraft {
  uid: string;
  id: string;
  name: string;
  from: string[];
  to: string;
  who: Who;
  needsComment: boolean;
  needsAttachment: boolean;
  timer: TimerDraft | null;
  actions: ActionDraft[];
}

export interface RequestTypeDraft {
  name: string;
  description: string;
  icon: string;
  departmentId: string;
  defaultPriority: Priority;
  visible: boolean;
  position: string;
  fields: FieldDraft[];
  initial: string;
  statuses: StatusDraft[];
  transitions: TransitionDraft[];
}

export const newField = (n: number): FieldDraft => ({
  uid: uid(),
  key: `field_${n}`,
  label: '',
  kind: 'text',
  optionsText: '',
  required: false,
  help: '',
});

export const newStatus = (n: number): StatusDraft => ({
  uid: uid(),
  key: `status_${n}`,
  name: '',
  customerLabel: '',
  category: 'open',
});

export const newTransition = (n: number, statuses: StatusDraft[]): TransitionDraft => ({
  uid: uid(),
  id: `step_${n}`,
  name: '',
  from: statuses.length ? [statuses[0].key] : [],
  to: statuses[1]?.key ?? statuses[0]?.key ?? '',
  who: 'agent',
  needsComment: false,
  needsAttachment: false,
  timer: null,
  actions: [],
});

export const newAction = (kind: ActionKind): ActionDraft =>
  kind === 'transfer'
    ? { uid: uid(), kind, departmentId: '', agentId: '' }
    : kind === 'sms'
      ? { uid: uid(), kind, text: '' }
      : { uid: uid(), kind, departmentId: '' };

/** The names of the default workflow's statuses and steps, in the admin's language. */
export interface DefaultNames {
  open: string;
  pending: string;
  closed: string;
  resolve: string;
  ask: string;
  answer: string;
  reopen: string;
}

/**
 * A new request type's workflow, good as it is for a simple request: open, waiting for the
 * requester, closed; an agent resolves it or asks for more, the requester answers or reopens.
 */
export function defaultWorkflow(n: DefaultNames): Pick<RequestTypeDraft, 'initial' | 'statuses' | 'transitions'> {
  const status = (key: string, name: string, category: StatusCategory): StatusDraft => ({
    uid: uid(),
    key,
    name,
    customerLabel: '',
    category,
  });
  const step = (id: string, name: string, from: string[], to: string, who: Who, needsComment: boolean) => ({
    uid: uid(),
    id,
    name,
    from,
    to,
    who,
    needsComment,
    needsAttachment: false,
    timer: null,
    actions: [],
  });
  return {
    initial: 'open',
    statuses: [
      status('open', n.open, 'open'),
      status('pending', n.pending, 'pending'),
      status('closed', n.closed, 'closed'),
    ],
    transitions: [
      step('resolve', n.resolve, ['open', 'pending'], 'closed', 'agent', false),
      step('ask', n.ask, ['open'], 'pending', 'agent', true),
      step('answer', n.answer, ['pending'], 'open', 'requester', true),
      step('reopen', n.reopen, ['closed'], 'open', 'requester', true),
    ],
  };
}

export function emptyDraft(names: DefaultNames, position: number): RequestTypeDraft {
  return {
    name: '',
    description: '',
    icon: '',
    departmentId: '',
    defaultPriority: 'medium',
    visible: true,
    position: String(position),
    fields: [],
    ...defaultWorkflow(names),
  };
}

const actionDraft = (a: TAction): ActionDraft =>
  a.kind === 'transfer'
    ? { uid: uid(), kind: 'transfer', departmentId: a.departmentId ?? '', agentId: a.agentId ?? '' }
    : a.kind === 'sms'
      ? { uid: uid(), kind: 'sms', text: a.text }
      : { uid: uid(), kind: 'notify', departmentId: a.departmentId };

const fieldDraft = (f: TField): FieldDraft => ({
  uid: uid(),
  key: f.key,
  label: f.label,
  kind: f.kind,
  optionsText: (f.options ?? []).join('\n'),
  required: f.required,
  help: f.help,
});

const transitionDraft = (t: TTransition): TransitionDraft => ({
  uid: uid(),
  id: t.id,
  name: t.name,
  from: [...t.from],
  to: t.to,
  who: t.who,
  needsComment: t.needsComment,
  needsAttachment: t.needsAttachment,
  timer: t.timer
    ? {
        hours: String(Math.floor(t.timer.workingMinutes / 60)),
        minutes: String(t.timer.workingMinutes % 60),
        calendarId: t.timer.calendarId ?? '',
        onExpiry: t.timer.onExpiry,
      }
    : null,
  actions: t.actions.map(actionDraft),
});

export function toDraft(rt: RequestType): RequestTypeDraft {
  return {
    name: rt.name,
    description: rt.description,
    icon: rt.icon ?? '',
    departmentId: rt.departmentId ?? '',
    defaultPriority: rt.defaultPriority,
    visible: rt.visible,
    position: String(rt.position),
    fields: rt.fields.map(fieldDraft),
    initial: rt.workflow.initial,
    statuses: rt.workflow.statuses.map((s) => ({ uid: uid(), ...s })),
    transitions: rt.workflow.transitions.map(transitionDraft),
  };
}

const int = (text: string) => (text.trim() === '' ? 0 : Number(text));
const withoutUid = <T extends { uid: string }>({ uid: _u, ...rest }: T) => rest;

function actionBody(a: ActionDraft): TAction {
  if (a.kind === 'transfer')
    return { kind: 'transfer', departmentId: a.departmentId || null, agentId: a.agentId || null };
  if (a.kind === 'sms') return { kind: 'sms', to: 'requester', text: a.text.trim() };
  return { kind: 'notify', departmentId: a.departmentId };
}

/** The whole request type as POST and PATCH take it. */
export function toBody(d: RequestTypeDraft) {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    icon: d.icon.trim() || null,
    departmentId: d.departmentId || null,
    defaultPriority: d.defaultPriority,
    visible: d.visible,
    position: int(d.position),
    fields: d.fields.map((f) => ({
      key: f.key.trim(),
      label: f.label.trim(),
      kind: f.kind,
      ...(f.kind === 'select'
        ? {
            options: f.optionsText
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean),
          }
        : {}),
      required: f.required,
      help: f.help.trim(),
    })),
    workflow: {
      initial: d.initial,
      statuses: d.statuses.map((s) => ({ ...withoutUid(s), key: s.key.trim(), name: s.name.trim() })),
      transitions: d.transitions.map((t) => ({
        id: t.id.trim(),
        name: t.name.trim(),
        from: t.from,
        to: t.to,
        who: t.who,
        needsComment: t.needsComment,
        needsAttachment: t.needsAttachment,
        timer: t.timer
          ? {
              workingMinutes: int(t.timer.hours) * 60 + int(t.timer.minutes),
              calendarId: t.timer.calendarId || null,
              onExpiry: t.timer.onExpiry,
            }
          : null,
        actions: t.actions.map(actionBody),
      })),
    },
  };
}

/** The draft as it would be saved, to tell whether anything changed. */
export const signature = (d: RequestTypeDraft) => JSON.stringify(toBody(d));

/** A status saved under another key: the workflow's references to it follow. */
export function replaceStatus(d: RequestTypeDraft, next: StatusDraft): RequestTypeDraft {
  const old = d.statuses.find((s) => s.uid === next.uid);
  const statuses = old ? d.statuses.map((s) => (s.uid === next.uid ? next : s)) : [...d.statuses, next];
  if (!old || old.key === next.key) return { ...d, statuses };
  const ren = (k: string) => (k === old.key ? next.key : k);
  return {
    ...d,
    statuses,
    initial: ren(d.initial),
    transitions: d.transitions.map((t) => ({ ...t, from: t.from.map(ren), to: ren(t.to) })),
  };
}

/** Removes a status and the references to it that can go (a transition's "from"); the rest stays to be fixed. */
export function removeStatus(d: RequestTypeDraft, s: StatusDraft): RequestTypeDraft {
  const statuses = d.statuses.filter((x) => x.uid !== s.uid);
  return {
    ...d,
    statuses,
    initial: d.initial === s.key ? (statuses[0]?.key ?? '') : d.initial,
    transitions: d.transitions.map((t) => ({ ...t, from: t.from.filter((k) => k !== s.key) })),
  };
}

/** A transition saved under another id: timers that end in it follow. */
export function replaceTransition(d: RequestTypeDraft, next: TransitionDraft): RequestTypeDraft {
  const old = d.transitions.find((t) => t.uid === next.uid);
  let transitions = old ? d.transitions.map((t) => (t.uid === next.uid ? next : t)) : [...d.transitions, next];
  if (old && old.id !== next.id)
    transitions = transitions.map((t) =>
      t.timer?.onExpiry === old.id ? { ...t, timer: { ...t.timer, onExpiry: next.id } } : t,
    );
  return { ...d, transitions };
}

export function removeTransition(d: RequestTypeDraft, t: TransitionDraft): RequestTypeDraft {
  return {
    ...d,
    transitions: d.transitions
      .filter((x) => x.uid !== t.uid)
      .map((x) => (x.timer?.onExpiry === t.id ? { ...x, timer: { ...x.timer, onExpiry: '' } } : x)),
  };
}

/** Moves an item of a list one place up (-1) or down (+1). */
export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}
