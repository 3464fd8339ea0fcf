import type { z } from 'zod';
import type { ZTicketEvent, ZTicketView } from '../../../../contracts/tickets';
import type { ZDepartment, ZTag, ZTicketType } from '../../../../contracts/organisation';
import type { TUser } from '../../../../contracts/people';

export type { TTicket, TMessage, TStatus, TCreateMessage, TUpdateTicket } from '../../../../contracts/tickets';
export type TicketEvent = z.infer<typeof ZTicketEvent>;
export type TicketView = z.infer<typeof ZTicketView>;
export type Department = z.infer<typeof ZDepartment>;
export type TicketType = z.infer<typeof ZTicketType>;
export type Tag = z.infer<typeof ZTag>;
export type Agent = Pick<TUser, 'id' | 'name' | 'username' | 'role'>;
export type Direction = 'rtl' | 'ltr' | 'auto';
