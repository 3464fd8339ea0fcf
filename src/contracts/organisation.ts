import { z } from 'zod';
import { patchOf, ZBool, ZIdInput, ZPageQuery } from './common';

export const ZUsage = z.enum(['all', 'members', 'internal']);
/**
 * Issue 20: how a new ticket without an assignee gets one — nobody (`manual`), the next present
 * agent in turn (`round_robin`), or the present agent with the fewest open tickets (`least_open`).
 */
export const ZAssignmentMode = z.enum(['manual', 'round_robin', 'least_open']);
export type TAssignmentMode = z.infer<typeof ZAssignmentMode>;

export const ZDepartment = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  visible: z.boolean(),
  usage: ZUsage,
  managerId: z.string().nullable(),
  agentIds: z.array(z.string()),
  assignmentMode: ZAssignmentMode,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZCreateDepartment = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  active: z.boolean().default(true),
  visible: z.boolean().default(true),
  usage: ZUsage.default('all'),
  managerId: ZIdInput.nullish(),
  agentIds: z.array(ZIdInput).max(2000).default([]),
  assignmentMode: ZAssignmentMode.default('manual'),
});
export const ZUpdateDepartment = patchOf(ZCreateDepartment);

export const ZListDepartmentsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  active: ZBool.optional(),
  sort: z.enum(['name', '-name', 'updated', '-updated']).default('name'),
});
export type TListDepartmentsQuery = z.infer<typeof ZListDepartmentsQuery>;

export const ZAssignGroup = z.object({ groupId: ZIdInput });

/** What customers and guests see of a department. */
export const ZPublicDepartment = z.object({ id: z.string(), name: z.string(), description: z.string(), usage: ZUsage });

// Catalogue: ticket types, tags, organisational units
export const ZTicketType = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZCreateTicketType = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const ZUpdateTicketType = patchOf(ZCreateTicketType);

export const ZTag = z.object({ id: z.string(), name: z.string(), color: z.string().nullable(), createdAt: z.string() });
export const ZCreateTag = z.object({
  name: z.string().trim().min(1).max(50),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'validation.color')
    .nullish(),
});
export const ZListTagsQuery = ZPageQuery.extend({ q: z.string().trim().max(50).optional() });

export const ZOrgUnit = z.object({
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZCreateOrgUnit = z.object({
  name: z.string().trim().min(1).max(120),
  parentId: ZIdInput.nullish(),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const ZUpdateOrgUnit = patchOf(ZCreateOrgUnit);
