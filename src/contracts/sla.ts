import { z } from 'zod';
import { ZId, ZIdInput, ZPageQuery, patchOf } from './common';

/** SLA policies (E3, K3): api.md "Service catalogue, workflows, calendars and SLAs". */

const ZPriority = z.enum(['urgent', 'high', 'medium', 'low']);
/** Working minutes: one minute to ten years. */
const ZTarget = z.number().int().min(1).max(5_000_000);

export const SLA_TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type TSlaTarget = (typeof SLA_TARGETS)[number];

export const ZSlaConditions = z.object({
  departmentIds: z.array(ZId).max(200).optional(),
  priorities: z.array(ZPriority).max(4).optional(),
  requestTypeIds: z.array(ZId).max(200).optional(),
  typeIds: z.array(ZId).max(200).optional(),
});
export type TSlaConditions = z.infer<typeof ZSlaConditions>;

export const ZSlaTargets = z
  .object({ firstResponse: ZTarget.nullish(), nextResponse: ZTarget.nullish(), resolution: ZTarget.nullish() })
  .refine((t) => SLA_TARGETS.some((k) => t[k]), 'validation.sla_no_target');
export type TSlaTargets = z.infer<typeof ZSlaTargets>;

export const ZOnBreach = z.object({
  transferToDepartmentId: ZId.nullish(),
  assignToId: ZId.nullish(),
  raisePriority: z.boolean().default(false),
  notify: z.array(ZId).max(50).default([]),
});
export type TOnBreach = z.infer<typeof ZOnBreach>;

export const ZSlaPolicy = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  conditions: ZSlaConditions,
  calendarId: z.string().nullable(),
  targets: z.object({
    firstResponse: z.number().int().nullable().optional(),
    nextResponse: z.number().int().nullable().optional(),
    resolution: z.number().int().nullable().optional(),
  }),
  warnBefore: z.number().int(),
  pauseWhilePending: z.boolean(),
  onBreach: ZOnBreach,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;

export const ZCreateSlaPolicy = z.object({
  name: z.string().trim().min(1).max(120),
  position: z.number().int().min(0).max(10_000).default(0),
  conditions: ZSlaConditions.default({}),
  calendarId: ZIdInput.nullish(),
  targets: ZSlaTargets,
  /** Working minutes before a due time when the warning comes. */
  warnBefore: z.number().int().min(0).max(100_000).default(30),
  pauseWhilePending: z.boolean().default(true),
  onBreach: ZOnBreach.default({ raisePriority: false, notify: [] }),
});
/** Only what is sent changes: no defaults are filled in (patchOf). */
export const ZUpdateSlaPolicy = patchOf(ZCreateSlaPolicy);
export type TCreateSlaPolicy = z.infer<typeof ZCreateSlaPolicy>;
export type TUpdateSlaPolicy = z.infer<typeof ZUpdateSlaPolicy>;

export const ZListSlaPoliciesQuery = ZPageQuery.extend({ pageSize: ZPageQuery.shape.pageSize.default(100) });

/** What a ticket carries of its SLA; null when no policy applies. */
export const ZTicketSla = z
  .object({
    policyId: z.string(),
    firstResponseDue: z.string().nullable(),
    nextResponseDue: z.string().nullable(),
    resolutionDue: z.string().nullable(),
    paused: z.boolean(),
    breached: z.array(z.enum(SLA_TARGETS)),
    /** ok | warning | breached | paused | met (closed in time or not: see `breached`). */
    state: z.enum(['ok', 'warning', 'breached', 'paused', 'met']),
    /** The nearest due time of the running targets (the chip counts down to it). */
    nextDue: z.string().nullable(),
  })
  .nullable();
export type TTicketSla = z.infer<typeof ZTicketSla>;
