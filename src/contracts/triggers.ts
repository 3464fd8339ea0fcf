import { z } from 'zod';
import { ZId, ZPageQuery, patchOf } from './common';
import { ZPriority, ZStatus } from './tickets';

/**
 * Triggers (K7): on a ticket event, when every condition holds, run the actions in order.
 * api.md "Triggers". Conditions are `{ field, op, value }`, checked strictly per field: an
 * unknown field, an operator the field does not take, or a value of the wrong kind is a 400
 * naming `conditions.<i>.field|op|value`.
 */

export const TRIGGER_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'sla.warning',
  'sla.breached',
] as const;
export const ZTriggerEvent = z.enum(TRIGGER_EVENTS);
export type TTriggerEvent = z.infer<typeof ZTriggerEvent>;

export const TRIGGER_OPS = ['is', 'is_not', 'contains', 'not_contains', 'in', 'changed', 'changed_to'] as const;
export type TTriggerOp = (typeof TRIGGER_OPS)[number];

/** Whose a requester is: a member of a role, or a guest (no account). */
export const REQUESTER_ROLES = ['customer', 'agent', 'admin', 'guest'] as const;
export const MESSAGE_AUTHORS = ['customer', 'agent', 'guest', 'system'] as const;

const ZIdOrNone = z.union([ZId, z.null()]);
const ZIds = z.array(ZId).min(1).max(100);
const ZText = z.string().trim().min(1).max(200);

/**
 * Per field: the operators it takes and the value each needs (`null`: no value). The `changed`
 * operators look at what the event changed (ticket.updated), the others at the ticket as it is.
 */
export const CONDITION_RULES = {
  status: {
    is: ZStatus,
    is_not: ZStatus,
    in: z.array(ZStatus).min(1).max(4),
    changed: null,
    changed_to: ZStatus,
  },
  priority: {
    is: ZPriority,
    is_not: ZPriority,
    in: z.array(ZPriority).min(1).max(4),
    changed: null,
    changed_to: ZPriority,
  },
  departmentId: { is: ZId, is_not: ZId, in: ZIds, changed: null, changed_to: ZId },
  typeId: { is: ZIdOrNone, is_not: ZIdOrNone, in: ZIds },
  tagIds: { contains: ZId, not_contains: ZId },
  /** `is` / `is_not` with the value "empty": nobody assigned / somebody assigned; `changed_to`: newly assigned. */
  assigneeIds: {
    is: z.literal('empty'),
    is_not: z.literal('empty'),
    contains: ZId,
    not_contains: ZId,
    changed: null,
    changed_to: ZId,
  },
  requesterRole: {
    is: z.enum(REQUESTER_ROLES),
    is_not: z.enum(REQUESTER_ROLES),
    in: z.array(z.enum(REQUESTER_ROLES)).min(1).max(4),
  },
  /** Persian-folded on both sides (normalizeText), so ي/ی, ك/ک and digits match. */
  subject: { contains: ZText, not_contains: ZText },
  /** message.created only. */
  'message.kind': { is: z.enum(['reply', 'note']), is_not: z.enum(['reply', 'note']) },
  'message.author': {
    is: z.enum(MESSAGE_AUTHORS),
    is_not: z.enum(MESSAGE_AUTHORS),
    in: z.array(z.enum(MESSAGE_AUTHORS)).min(1).max(4),
  },
} satisfies Record<string, Partial<Record<TTriggerOp, z.ZodType | null>>>;

export type TConditionField = keyof typeof CONDITION_RULES;
export const CONDITION_FIELDS = Object.keys(CONDITION_RULES) as [TConditionField, ...TConditionField[]];
/** Fields that only a message.created event has. */
export const MESSAGE_FIELDS: readonly TConditionField[] = ['message.kind', 'message.author'];

export const ZTriggerCondition = z
  .object({
    field: z.enum(CONDITION_FIELDS),
    op: z.enum(TRIGGER_OPS),
    value: z.unknown().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const rules = CONDITION_RULES[c.field] as Partial<Record<TTriggerOp, z.ZodType | null>>;
    if (!(c.op in rules)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: 'validation.trigger_op', input: c.op });
      return;
    }
    const schema = rules[c.op];
    if (schema === null) {
      if (c.value !== undefined && c.value !== null)
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'validation.trigger_no_value', input: c.value });
      return;
    }
    const r = schema!.safeParse(c.value, { reportInput: true });
    if (!r.success)
      for (const issue of r.error.issues)
        ctx.addIssue({ ...issue, path: ['value', ...issue.path] } as unknown as z.core.$ZodRawIssue);
  });
export type TTriggerCondition = { field: TConditionField; op: TTriggerOp; value?: unknown };

const ZNoteText = z.string().trim().min(1).max(5000);

export const ZTriggerAction = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('set_status'), status: ZStatus.exclude(['locked']) }).strict(),
    z.object({ kind: z.literal('set_priority'), priority: ZPriority }).strict(),
    z.object({ kind: z.literal('set_department'), departmentId: ZId }).strict(),
    /** An agent's id, or "unassign" (nobody). */
    z.object({ kind: z.literal('set_assignee'), assigneeId: z.union([ZId, z.literal('unassign')]) }).strict(),
    z.object({ kind: z.literal('add_tag'), tagId: ZId }).strict(),
    z.object({ kind: z.literal('remove_tag'), tagId: ZId }).strict(),
    /** An internal note; {{ticket.number}}, {{ticket.subject}}, {{requester.name}} are filled in. */
    z.object({ kind: z.literal('add_note'), text: ZNoteText }).strict(),
    z
      .object({
        kind: z.literal('notify'),
        userIds: z.array(ZId).max(50).default([]),
        departmentIds: z.array(ZId).max(50).default([]),
      })
      .strict()
      .refine((a) => a.userIds.length + a.departmentIds.length > 0, {
        message: 'validation.trigger_notify_nobody',
        path: ['userIds'],
      }),
    z.object({ kind: z.literal('call_webhook'), webhookId: ZId }).strict(),
  ],
  { error: 'validation.trigger_action' },
);
export type TTriggerAction = z.infer<typeof ZTriggerAction>;
export type TTriggerActionKind = TTriggerAction['kind'];

export const ZTrigger = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  active: z.boolean(),
  event: ZTriggerEvent,
  conditions: z.array(
    z.object({ field: z.enum(CONDITION_FIELDS), op: z.enum(TRIGGER_OPS), value: z.unknown().optional() }),
  ),
  actions: z.array(z.record(z.string(), z.unknown())),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TTrigger = z.infer<typeof ZTrigger>;

export const ZCreateTrigger = z
  .object({
    name: z.string().trim().min(1).max(120),
    position: z.number().int().min(0).max(10_000).default(0),
    active: z.boolean().default(true),
    event: ZTriggerEvent,
    conditions: z.array(ZTriggerCondition).max(30).default([]),
    actions: z.array(ZTriggerAction).min(1).max(20),
  })
  .strict();
/** Only what is sent changes (patchOf): reordering sends `position` alone. */
export const ZUpdateTrigger = patchOf(ZCreateTrigger);
export type TCreateTrigger = z.infer<typeof ZCreateTrigger>;
export type TUpdateTrigger = z.infer<typeof ZUpdateTrigger>;

export const ZListTriggersQuery = ZPageQuery.extend({ pageSize: ZPageQuery.shape.pageSize.default(100) });

export const TRIGGER_OUTCOMES = ['fired', 'failed', 'loop_stopped'] as const;

/** One firing (or a stopped loop) in the log. */
export const ZTriggerRun = z.object({
  id: z.string(),
  triggerId: z.string().nullable(),
  triggerName: z.string().nullable(),
  ticketNumber: z.number().int().nullable(),
  event: z.string(),
  outcome: z.enum(TRIGGER_OUTCOMES),
  /** The actions done, in order (kind and what it did). */
  actions: z.array(z.object({ kind: z.string(), result: z.string() })),
  /** Why it failed or was stopped (`depth`, `fired_in_chain`, or the error's message key). */
  reason: z.string().nullable(),
  /** How deep in a chain of triggers' own changes it ran (0: a person's change). */
  depth: z.number().int(),
  createdAt: z.string(),
});
export type TTriggerRun = z.infer<typeof ZTriggerRun>;

export const ZTriggerRunsQuery = ZPageQuery;
export const ZWorkspaceRunsQuery = ZPageQuery.extend({
  ticketNumber: z.coerce.number().int().min(1).max(2_000_000_000),
});
