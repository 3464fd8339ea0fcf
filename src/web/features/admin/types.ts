import type { z } from 'zod';
import type { ZAccessLevel, ZGroup, ZUser } from '../../../contracts/people';
import type { ZDepartment, ZOrgUnit, ZTag, ZTicketType } from '../../../contracts/organisation';
import type { ZSettingsResponse } from '../../../contracts/settings';

export type User = z.infer<typeof ZUser>;
export type AccessLevel = z.infer<typeof ZAccessLevel>;
export type Group = z.infer<typeof ZGroup>;
export type Department = z.infer<typeof ZDepartment>;
export type OrgUnit = z.infer<typeof ZOrgUnit>;
export type Tag = z.infer<typeof ZTag>;
export type TicketType = z.infer<typeof ZTicketType>;
export type SettingsData = z.infer<typeof ZSettingsResponse>;
