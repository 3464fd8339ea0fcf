import { z } from 'zod';
import { ZId, ZIdInput, ZPageQuery, patchOf } from './common';
import { FIELD_KINDS } from './field-kinds';

/**
 * The service catalogue (E1–E5): desks with keys, request types with forms and workflows.
 * api.md "Service catalogue, workflows, calendars and SLAs".
 */

/** Same as tickets' ZPriority (tickets.ts imports this file, so it cannot import tickets.ts). */
const ZPriority = z.enum(['urgent', 'high', 'medium', 'low']);

/** A desk's key: the prefix of its requests' keys (SETIRAN-30). */
export const ZDeskKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,10}$/, 'validation.desk_key');

export const ZDesk = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  departmentId: z.string(),
  visible: z.boolean(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDesk = z.infer<typeof ZDesk>;

export const ZCreateDesk = z.object({
  key: ZDeskKey,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  departmentId: ZIdInput,
  visible: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).default(0),
});
/** Only what is sent changes: no defaults are filled in (patchOf). */
export const ZUpdateDesk = patchOf(ZCreateDesk);
export type TCreateDesk = z.infer<typeof ZCreateDesk>;
export type TUpdateDesk = z.infer<typeof ZUpdateDesk>;

export const ZListDesksQuery = ZPageQuery.extend({ pageSize: ZPageQuery.shape.pageSize.default(100) });

export { FIELD_KINDS, type TFieldKind } from './field-kinds';

/** A field's key: what `values` and `{{key}}` in an SMS text name it by. */
export const ZFieldKey = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'validation.field_key');

export const ZField = z
  .object({
    key: ZFieldKey,
    label: z.string().trim().min(1).max(120),
    kind: z.enum(FIELD_KINDS),
    options: z.array(z.string().trim().min(1).max(120)).max(100).optional(),
    required: z.boolean().default(false),
    help: z.string().trim().max(500).default(''),
  })
  .refine((f) => f.kind !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'validation.select_needs_options',
    path: ['options'],
  });
export type TField = z.infer<typeof ZField>;

export const STATUS_CATEGORIES = ['open', 'pending', 'closed'] as const;
export const TRANSITION_WHO = ['requester', 'agent', 'department'] as const;

export const ZStatusKey = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'validation.status_key');

export const ZWorkflowStatus = z.object({
  key: ZStatusKey,
  name: z.string().trim().min(1).max(120),
  /** What the requester sees («وضعیت درخواست شما تغییر کرد به …»); the name when empty. */
  customerLabel: z.string().trim().max(120).default(''),
  category: z.enum(STATUS_CATEGORIES),
});
export type TWorkflowStatus = z.infer<typeof ZWorkflowStatus>;

export const ZAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), departmentId: ZId.nullish(), agentId: ZId.nullish() }),
  z.object({ kind: z.literal('sms'), to: z.literal('requester'), text: z.string().trim().min(1).max(600) }),
  z.object({ kind: z.literal('notify'), departmentId: ZId }),
]);
export type TAction = z.infer<typeof ZAction>;

/** 1 minute to 10 years of working minutes. */
export const ZWorkingMinutes = z.number().int().min(1).max(5_000_000);

export const ZTransition = z.object({
  id: ZStatusKey,
  name: z.string().trim().min(1).max(120),
  from: z.array(ZStatusKey).min(1).max(50),
  to: ZStatusKey,
  who: z.enum(TRANSITION_WHO),
  needsAttachment: z.boolean().default(false),
  needsComment: z.boolean().default(false),
  timer: z.object({ workingMinutes: ZWorkingMinutes, calendarId: ZId.nullish(), onExpiry: ZStatusKey }).nullish(),
  actions: z.array(ZAction).max(10).default([]),
});
export type TTransition = z.infer<typeof ZTransition>;

/** Cross-references are checked here: every name a workflow uses must exist in it. */
export const ZWorkflow = z
  .object({
    initial: ZStatusKey,
    statuses: z.array(ZWorkflowStatus).min(1).max(50),
    transitions: z.array(ZTransition).max(100).default([]),
  })
  .superRefine((w, ctx) => {
    const keys = new Set<string>();
    w.statuses.forEach((s, i) => {
      if (keys.has(s.key))
        ctx.addIssue({ code: 'custom', message: 'validation.duplicate', path: ['statuses', i, 'key'] });
      keys.add(s.key);
    });
    if (!keys.has(w.initial)) ctx.addIssue({ code: 'custom', message: 'validation.unknown_status', path: ['initial'] });
    const ids = new Set<string>();
    w.transitions.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({ code: 'custom', message: 'validation.duplicate', path: ['transitions', i, 'id'] });
      ids.add(t.id);
      t.from.forEach((f, j) => {
        if (!keys.has(f))
          ctx.addIssue({ code: 'custom', message: 'validation.unknown_status', path: ['transitions', i, 'from', j] });
      });
      if (!keys.has(t.to))
        ctx.addIssue({ code: 'custom', message: 'validation.unknown_status', path: ['transitions', i, 'to'] });
    });
    w.transitions.forEach((t, i) => {
      if (!t.timer) return;
      const onExpiry = w.transitions.find((x) => x.id === t.timer!.onExpiry);
      // The timer runs while the request stays where this transition led: the expiry's
      // transition must start from there, or it could never be taken.
      if (!onExpiry || !onExpiry.from.includes(t.to))
        ctx.addIssue({
          code: 'custom',
          message: 'validation.timer_transition',
          path: ['transitions', i, 'timer', 'onExpiry'],
        });
    });
  });
export type TWorkflow = z.infer<typeof ZWorkflow>;

/** A workflow of one status and no transitions: a request type that is a plain ticket. */
export const SIMPLE_WORKFLOW = (): TWorkflow => ({
  initial: 'open',
  statuses: [{ key: 'open', name: 'Open', customerLabel: '', category: 'open' }],
  transitions: [],
});

const ZFields = z
  .array(ZField)
  .max(50)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', message: 'validation.duplicate', path: [i, 'key'] });
      seen.add(f.key);
    });
  });

export const ZRequestType = z.object({
  id: z.string(),
  deskId: z.string(),
  name: z.string(),
  description: z.string(),
  icon: z.string().nullable(),
  departmentId: z.string().nullable(),
  defaultPriority: ZPriority,
  fields: z.array(ZField),
  workflow: ZWorkflow,
  position: z.number().int(),
  visible: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TRequestType = z.infer<typeof ZRequestType>;

export const ZCreateRequestType = z.object({
  name: z.string().trim().min(1).max(160),
  description: z.string().trim().max(4000).default(''),
  icon: z.string().trim().max(40).nullish(),
  departmentId: ZIdInput.nullish(),
  defaultPriority: ZPriority.default('medium'),
  fields: ZFields.default([]),
  workflow: ZWorkflow.default(SIMPLE_WORKFLOW),
  position: z.number().int().min(0).max(10_000).default(0),
  visible: z.boolean().default(true),
});
/** Only what is sent changes: no defaults are filled in (patchOf). */
export const ZUpdateRequestType = patchOf(ZCreateRequestType);
export type TCreateRequestType = z.infer<typeof ZCreateRequestType>;
export type TUpdateRequestType = z.infer<typeof ZUpdateRequestType>;

export const ZListRequestTypesQuery = ZPageQuery.extend({ pageSize: ZPageQuery.shape.pageSize.default(100) });

/** A field's value as sent: text, a number, or an id; checked against the field's kind on the server. */
export const ZFieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

export const ZCreateRequest = z.object({
  requestTypeId: ZIdInput,
  values: z.record(z.string().max(40), ZFieldValue).default({}),
  /** Optional summary; the request type's name when absent. */
  subject: z.string().trim().max(250).optional(),
  attachmentIds: z.array(z.string().max(100)).max(3, 'validation.max_attachments').default([]),
  direction: z.enum(['rtl', 'ltr', 'auto']).default('auto'),
});
export type TCreateRequest = z.infer<typeof ZCreateRequest>;

export const ZListRequestsQuery = ZPageQuery.extend({
  requestTypeId: ZIdInput.optional(),
  deskId: ZIdInput.optional(),
});

export const ZTakeTransition = z.object({
  comment: z.string().max(200_000).optional(),
  attachmentIds: z.array(z.string().max(100)).max(3, 'validation.max_attachments').default([]),
  direction: z.enum(['rtl', 'ltr', 'auto']).default('auto'),
});
export type TTakeTransition = z.infer<typeof ZTakeTransition>;

/** What a ticket of a request type carries besides the ticket's own fields. */
export const ZTicketWorkflow = {
  key: z.string().nullable().optional(),
  requestType: z.object({ id: z.string(), name: z.string(), deskId: z.string() }).nullable().optional(),
  values: z.record(z.string(), z.unknown()).nullable().optional(),
  fields: z.array(ZField).optional(),
  workflowStatus: z
    .object({ key: z.string(), name: z.string(), customerLabel: z.string(), category: z.enum(STATUS_CATEGORIES) })
    .nullable()
    .optional(),
  availableTransitions: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        to: z.string(),
        needsComment: z.boolean(),
        needsAttachment: z.boolean(),
      }),
    )
    .optional(),
  timers: z.array(z.object({ transitionId: z.string(), dueAt: z.string() })).optional(),
};
